package dev.praxis.eval;

import dev.praxis.agent.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Aggregate metrics of a suite run.
 *
 * @param cases          cases run
 * @param completionRate share of runs that ended {@code COMPLETED}
 * @param passRate       share of cases that completed and passed every check
 * @param latencyP50     median latency (nearest-rank)
 * @param latencyP95     95th-percentile latency (nearest-rank)
 * @param meanSteps      mean model calls per case
 * @param usage          tokens of all cases
 * @param cost           cost of all cases
 * @param bleu           corpus BLEU-4 over the cases with references, if any
 * @param rougeL         mean ROUGE-L F1 over the cases with references, if any
 * @param judgeScore     mean judge score (0..1) over judged cases, if any
 * @param checkPassRates per check name, the share of its results that passed, in first-seen order
 */
public record Metrics(int cases, double completionRate, double passRate, Duration latencyP50, Duration latencyP95,
                      double meanSteps, Usage usage, BigDecimal cost, OptionalDouble bleu, OptionalDouble rougeL,
                      OptionalDouble judgeScore, Map<String, Double> checkPassRates) {

    /** Copies the map, keeping its order. */
    public Metrics {
        checkPassRates = Collections.unmodifiableMap(new LinkedHashMap<>(checkPassRates));
    }

    /**
     * The metrics of {@code results}.
     *
     * @throws IllegalArgumentException if there are no results
     */
    public static Metrics of(List<CaseResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no case results to measure");
        }
        int n = results.size();
        List<Duration> latencies = results.stream().map(CaseResult::latency).toList();
        List<CaseResult> referenced = results.stream().filter(r -> !r.references().isEmpty()).toList();
        OptionalDouble bleu = referenced.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Bleu.corpusOfTexts(
                referenced.stream().map(CaseResult::output).toList(),
                referenced.stream().map(CaseResult::references).toList()));
        return new Metrics(n,
                (double) results.stream().filter(CaseResult::completed).count() / n,
                (double) results.stream().filter(CaseResult::passed).count() / n,
                percentile(latencies, 50), percentile(latencies, 95),
                results.stream().mapToInt(CaseResult::steps).average().orElse(0),
                results.stream().map(CaseResult::usage).reduce(Usage.ZERO, Usage::plus),
                results.stream().map(CaseResult::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                bleu,
                referenced.stream().mapToDouble(r -> r.rougeL().orElseThrow()).average(),
                results.stream().flatMapToDouble(r -> r.judgeScore().stream()).average(),
                checkPassRates(results));
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p}% of the values at
     * or below it, i.e. the {@code ceil(p/100 · n)}-th smallest.
     */
    public static Duration percentile(List<Duration> values, double p) {
        if (values.isEmpty() || !(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("need values and 0 < p <= 100, got " + values.size() + " values, p=" + p);
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static Map<String, Double> checkPassRates(List<CaseResult> results) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (CaseResult r : results) {
            for (CheckResult c : r.checks()) {
                int[] count = counts.computeIfAbsent(c.check(), k -> new int[2]);
                count[0] += c.passed() ? 1 : 0;
                count[1]++;
            }
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((name, count) -> rates.put(name, (double) count[0] / count[1]));
        return rates;
    }
}
