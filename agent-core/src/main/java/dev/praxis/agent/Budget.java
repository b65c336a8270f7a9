package dev.praxis.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for one run. The loop checks them before every model call and after every
 * response; when one runs out the run ends {@link Status#BUDGET_EXHAUSTED}, names the limit
 * in its reason and keeps the steps it reached.
 *
 * <pre>{@code
 * Budget budget = Budget.DEFAULT.withMaxSteps(5).withMaxTime(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param maxSteps  model calls allowed
 * @param maxTokens input plus output tokens allowed
 * @param maxTime   wall-clock time allowed, checked between phases (bound slow model calls
 *                  themselves with a timeout decorator)
 */
public record Budget(int maxSteps, long maxTokens, Duration maxTime) {

    /** 25 steps, unlimited tokens, 10 minutes. */
    public static final Budget DEFAULT = new Budget(25, Long.MAX_VALUE, Duration.ofMinutes(10));

    /** Rejects non-positive limits. */
    public Budget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive, got " + maxTime);
        }
    }

    /** This budget with another step limit. */
    public Budget withMaxSteps(int steps) {
        return new Budget(steps, maxTokens, maxTime);
    }

    /** This budget with another token limit. */
    public Budget withMaxTokens(long tokens) {
        return new Budget(maxSteps, tokens, maxTime);
    }

    /** This budget with another time limit. */
    public Budget withMaxTime(Duration time) {
        return new Budget(maxSteps, maxTokens, time);
    }
}
