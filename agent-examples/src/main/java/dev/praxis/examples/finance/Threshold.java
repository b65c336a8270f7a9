package dev.praxis.examples.finance;

import java.util.List;
import java.util.Locale;

/**
 * The alert threshold, chosen from data rather than typed in: given the rolling sentiment
 * readings of a calibration period and an alert budget (the share of readings that may
 * alert), the threshold sits halfway between the highest reading that alerts and the lowest
 * that does not. The held-back period is never looked at, so what the threshold does there
 * is a fair estimate of what it will do next.
 *
 * @param value    readings at or below it alert
 * @param budget   the share of calibration readings allowed to alert, in (0, 1)
 * @param readings how many calibration readings it was chosen on
 */
record Threshold(double value, double budget, int readings) {

    /** Chooses the threshold for {@code calibration} readings (any order) and {@code budget}. */
    static Threshold choose(List<Double> calibration, double budget) {
        if (calibration.isEmpty()) {
            throw new IllegalArgumentException("no calibration readings to choose a threshold from");
        }
        if (!(budget > 0 && budget < 1)) {
            throw new IllegalArgumentException("the alert budget is a share between 0 and 1, got " + budget);
        }
        List<Double> sorted = calibration.stream().sorted().toList();
        int alerting = (int) Math.floor(budget * sorted.size());
        double value = alerting == 0 ? sorted.get(0) - 1e-6
                : (sorted.get(alerting - 1) + sorted.get(alerting)) / 2;
        return new Threshold(value, budget, sorted.size());
    }

    boolean alerts(double rolling) {
        return rolling <= value;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.3f", value);
    }
}
