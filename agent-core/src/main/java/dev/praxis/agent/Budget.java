package dev.praxis.agent;

import java.math.BigDecimal;
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
 * @param maxTime   wall-clock time allowed: checked between phases, and each model call runs
 *                  inside a {@code dev.praxis.llm.Deadline} of the time left, which retries,
 *                  rate-limit waits, timeouts and the provider's HTTP reads honour; a run out
 *                  of time inside a call (or answered too late) ends {@code BUDGET_EXHAUSTED}
 * @param maxCost   money allowed, in the currency of the agent's {@code PriceTable}. Before
 *                  every model call the call's estimate (its prompt counted with a real
 *                  tokenizer at the input price, plus any reserved output tokens, see
 *                  {@code LlmAgent.Builder#reserveOutputTokens}) must fit in what is left, or
 *                  the call is not made; after every response the real cost is charged (so
 *                  tool calls of a response that used up the budget do not run). One call can
 *                  overshoot by what its output costs beyond the reservation.
 *                  {@link #NO_COST_LIMIT} for none.
 * @param maxToolCalls tool calls allowed in all (each call of a step counts); a step that asks
 *                  for more than are left runs none of them. {@link Integer#MAX_VALUE} for none.
 */
public record Budget(int maxSteps, long maxTokens, Duration maxTime, BigDecimal maxCost, int maxToolCalls) {

    /** The cost limit of a budget without one. */
    public static final BigDecimal NO_COST_LIMIT = BigDecimal.valueOf(Long.MAX_VALUE);

    /** 25 steps, unlimited tokens, 10 minutes, no cost limit, no tool-call limit. */
    public static final Budget DEFAULT = new Budget(25, Long.MAX_VALUE, Duration.ofMinutes(10));

    /** A budget with no cost limit and no tool-call limit. */
    public Budget(int maxSteps, long maxTokens, Duration maxTime) {
        this(maxSteps, maxTokens, maxTime, NO_COST_LIMIT);
    }

    /** A budget with no tool-call limit. */
    public Budget(int maxSteps, long maxTokens, Duration maxTime, BigDecimal maxCost) {
        this(maxSteps, maxTokens, maxTime, maxCost, Integer.MAX_VALUE);
    }

    /** Rejects non-positive limits. */
    public Budget {
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(maxCost, "maxCost");
        if (maxCost.signum() <= 0) {
            throw new IllegalArgumentException("maxCost must be positive, got " + maxCost);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
        }
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime must be positive, got " + maxTime);
        }
        if (maxToolCalls < 0) {
            throw new IllegalArgumentException("maxToolCalls must not be negative, got " + maxToolCalls);
        }
    }

    /** This budget with another step limit. */
    public Budget withMaxSteps(int steps) {
        return new Budget(steps, maxTokens, maxTime, maxCost, maxToolCalls);
    }

    /** This budget with another token limit. */
    public Budget withMaxTokens(long tokens) {
        return new Budget(maxSteps, tokens, maxTime, maxCost, maxToolCalls);
    }

    /** This budget with another time limit. */
    public Budget withMaxTime(Duration time) {
        return new Budget(maxSteps, maxTokens, time, maxCost, maxToolCalls);
    }

    /** This budget with a cost limit, in the currency of the agent's price table. */
    public Budget withMaxCost(BigDecimal cost) {
        return new Budget(maxSteps, maxTokens, maxTime, cost, maxToolCalls);
    }

    /** This budget with a limit on tool calls in all; 0 lets the model answer only. */
    public Budget withMaxToolCalls(int calls) {
        return new Budget(maxSteps, maxTokens, maxTime, maxCost, calls);
    }
}
