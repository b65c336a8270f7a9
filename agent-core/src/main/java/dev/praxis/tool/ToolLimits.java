package dev.praxis.tool;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits the {@link Toolbox} applies to every call.
 *
 * @param timeout            how long one call may run before it is abandoned (never interrupted)
 *                           and reported as a retriable failure; inside an agent run the call's
 *                           deadline is the smaller of this and the time the run has left
 * @param maxResultChars     the longest answer the model receives; longer results are cut and
 *                           end with an explicit truncation notice
 * @param maxInvalidAttempts how many calls of one tool in one run may have invalid arguments;
 *                           each gets a precise message, after that the model is told to stop
 */
public record ToolLimits(Duration timeout, int maxResultChars, int maxInvalidAttempts) {

    /** 60 s per call, 20,000 characters per result, 3 invalid attempts per tool and run. */
    public static final ToolLimits DEFAULT = new ToolLimits(Duration.ofSeconds(60), 20_000, 3);

    /** Validates that every limit is positive. */
    public ToolLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxResultChars < 200) {
            throw new IllegalArgumentException("maxResultChars must be at least 200, got " + maxResultChars);
        }
        if (maxInvalidAttempts < 1) {
            throw new IllegalArgumentException("maxInvalidAttempts must be at least 1, got " + maxInvalidAttempts);
        }
    }

    /** These limits with another per-call timeout. */
    public ToolLimits withTimeout(Duration timeout) {
        return new ToolLimits(timeout, maxResultChars, maxInvalidAttempts);
    }

    /** These limits with another result-size cap. */
    public ToolLimits withMaxResultChars(int maxResultChars) {
        return new ToolLimits(timeout, maxResultChars, maxInvalidAttempts);
    }

    /** These limits with another number of tolerated invalid attempts. */
    public ToolLimits withMaxInvalidAttempts(int maxInvalidAttempts) {
        return new ToolLimits(timeout, maxResultChars, maxInvalidAttempts);
    }
}
