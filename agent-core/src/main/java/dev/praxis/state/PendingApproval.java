package dev.praxis.state;

import dev.praxis.tool.ToolCall;

import java.time.Instant;
import java.util.Objects;

/**
 * A tool call waiting for a person's decision.
 *
 * @param key         the call's idempotency key; decisions name it
 * @param step        the step the call belongs to
 * @param call        the call as the model asked for it
 * @param question    what the person is asked
 * @param requestedAt when the run paused for it
 * @param expiresAt   after this instant the call counts as denied ("approval expired")
 */
public record PendingApproval(String key, int step, ToolCall call, String question, Instant requestedAt,
                              Instant expiresAt) {

    /** Rejects nulls. */
    public PendingApproval {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the decision came too late at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
