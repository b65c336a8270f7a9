package dev.praxis.agent;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Tokens and money spent. Adds up across model calls, runs and team members.
 *
 * @param inputTokens  tokens sent to the model (prompt)
 * @param outputTokens tokens the model generated
 * @param cost         what the calls cost by the agent's {@code PriceTable}; zero without one
 */
public record Usage(long inputTokens, long outputTokens, BigDecimal cost) {

    /** Nothing spent. */
    public static final Usage ZERO = new Usage(0, 0);

    /** Tokens spent at no known cost. */
    public Usage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, BigDecimal.ZERO);
    }

    /** Rejects negative counts. */
    public Usage {
        Objects.requireNonNull(cost, "cost");
        if (inputTokens < 0 || outputTokens < 0 || cost.signum() < 0) {
            throw new IllegalArgumentException("token counts and cost must not be negative: " + inputTokens + ", " + outputTokens + ", " + cost);
        }
    }

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The sum of this and {@code other}. */
    public Usage plus(Usage other) {
        if (other.inputTokens == 0 && other.outputTokens == 0 && other.cost.signum() == 0) {
            return this;
        }
        BigDecimal sum = other.cost.signum() == 0 ? cost : cost.add(other.cost);
        if (inputTokens == 0 && outputTokens == 0 && sum.equals(other.cost)) {
            return other; // nothing spent before: the sum is other, to the cost's scale
        }
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens, sum);
    }

    /** The usage a response reports; zero for what it leaves out. */
    public static Usage of(ChatResponse response) {
        TokenUsage usage = response.tokenUsage();
        if (usage == null) {
            return ZERO;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        if (in == 0 && out == 0 && usage.totalTokenCount() != null) {
            in = usage.totalTokenCount();
        }
        return new Usage(in, out);
    }

    /** This usage with {@code amount} as its cost. */
    public Usage withCost(BigDecimal amount) {
        return amount.equals(cost) ? this : new Usage(inputTokens, outputTokens, amount);
    }
}
