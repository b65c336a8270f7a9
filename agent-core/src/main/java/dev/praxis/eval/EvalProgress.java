package dev.praxis.eval;

/**
 * Told as each case of a suite finishes, so a terminal can draw a progress bar. Called from
 * the worker threads, one call at a time (the evaluator serialises calls), in completion
 * order. Must be fast and must not throw.
 *
 * <pre>{@code
 * Evaluator.builder(agent).progress((result, done, total) -> bar.stepTo(done)).build();
 * }</pre>
 */
@FunctionalInterface
public interface EvalProgress {

    /** Ignores progress. */
    EvalProgress NONE = (result, done, total) -> { };

    /** Case {@code result} finished; {@code done} of {@code total} cases are finished. */
    void caseFinished(CaseResult result, int done, int total);
}
