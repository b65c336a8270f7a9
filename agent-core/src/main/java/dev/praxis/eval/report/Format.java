package dev.praxis.eval.report;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/** Number formats shared by the text reports. */
final class Format {

    private Format() {
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String ms(Duration duration) {
        return duration.toMillis() + " ms";
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String optional(OptionalDouble value) {
        return value.isPresent() ? decimal(value.getAsDouble()) : "n/a";
    }

    static String signed(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }
}
