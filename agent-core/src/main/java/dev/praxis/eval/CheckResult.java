package dev.praxis.eval;

import java.util.Objects;

/**
 * The outcome of one check on one case.
 *
 * @param check  the check's name, e.g. {@code contains} or {@code judge}
 * @param passed whether the answer passed
 * @param score  how well, in [0, 1] (1 or 0 for pass/fail checks; the judge's scaled score)
 * @param detail why, in words for a person
 */
public record CheckResult(String check, boolean passed, double score, String detail) {

    /** Rejects nulls and scores outside [0, 1]. */
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within [0, 1], got " + score);
        }
    }

    /** A pass/fail outcome with score 1 or 0. */
    public static CheckResult of(String check, boolean passed, String detail) {
        return new CheckResult(check, passed, passed ? 1 : 0, detail);
    }
}
