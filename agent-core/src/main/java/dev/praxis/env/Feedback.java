package dev.praxis.env;

import java.time.Instant;
import java.util.Objects;

/**
 * A judgement of a run by a person or a program.
 *
 * @param score   from -1 (bad) through 0 (neutral) to 1 (good)
 * @param comment free text; {@code ""} when none
 * @param at      when it was given
 */
public record Feedback(double score, String comment, Instant at) {

    /** Rejects scores outside [-1, 1] and nulls. */
    public Feedback {
        if (!(score >= -1.0 && score <= 1.0)) {
            throw new IllegalArgumentException("feedback score must be within [-1, 1], got " + score);
        }
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(at, "at");
    }
}
