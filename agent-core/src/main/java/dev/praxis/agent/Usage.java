package dev.praxis.agent;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Tokens spent. Adds up across model calls, runs and team members.
 *
 * @param inputTokens  tokens sent to the model (prompt)
 * @param outputTokens tokens the model generated
 */
public record Usage(long inputTokens, long outputTokens) {

    /** Nothing spent. */
    public static final Usage ZERO = new Usage(0, 0);

    /** Rejects negative counts. */
    public Usage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", " + outputTokens);
        }
    }

    /** Input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The sum of this and {@code other}. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
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
}
