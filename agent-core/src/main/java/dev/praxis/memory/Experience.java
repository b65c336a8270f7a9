package dev.praxis.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an agent did on one finished run, kept so later runs can learn from it.
 *
 * @param task       the task as given
 * @param steps      a readable line per step (tool called, answer given)
 * @param outcome    how the run ended
 * @param feedback   a score from the user or an evaluator, -1 (bad) .. 1 (good); 0 when none
 * @param finishedAt when the run ended
 */
public record Experience(String task, List<String> steps, Outcome outcome, double feedback, Instant finishedAt) {

    /** How a run ended, as far as learning is concerned. */
    public enum Outcome {
        /** The task was done. */
        SUCCEEDED,
        /** The task was not done (error, budget, refusal). */
        FAILED
    }

    /** This experience with {@code score} as its feedback. */
    public Experience withFeedback(double score) {
        return new Experience(task, steps, outcome, score, finishedAt);
    }

    /** Validates and copies. */
    public Experience {
        Objects.requireNonNull(task, "task");
        if (task.isBlank()) {
            throw new IllegalArgumentException("an experience needs a task");
        }
        steps = List.copyOf(steps);
        Objects.requireNonNull(outcome, "outcome");
        if (feedback < -1 || feedback > 1 || Double.isNaN(feedback)) {
            throw new IllegalArgumentException("feedback must be within -1..1, got " + feedback);
        }
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
