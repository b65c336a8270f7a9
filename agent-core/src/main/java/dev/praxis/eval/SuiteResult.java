package dev.praxis.eval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A suite run by one agent configuration.
 *
 * @param suite     the suite's name
 * @param label     the configuration's label (e.g. {@code "gpt-4o-mini, 3 tools"})
 * @param startedAt when the run began
 * @param cases     one result per case, in suite order
 * @param metrics   the aggregate metrics of {@code cases}
 */
public record SuiteResult(String suite, String label, Instant startedAt, List<CaseResult> cases, Metrics metrics) {

    /** Rejects nulls; copies the list. */
    public SuiteResult {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(startedAt, "startedAt");
        cases = List.copyOf(cases);
        Objects.requireNonNull(metrics, "metrics");
    }
}
