package dev.praxis.llm;

import dev.praxis.PraxisException;

import java.time.Duration;
import java.util.Optional;

/**
 * A model call failed. Thrown by {@link LlmClient} implementations and decorators; the agent
 * loop turns it into a {@code FAILED} result whose reason carries this message.
 *
 * <p>{@link #isRetriable()} is true for transient failures (HTTP 429 and 5xx, timeouts,
 * connection resets) and false for those that fail the same way again (400, 401, 403, bad
 * configuration). {@link #retryAfter()} carries the server's {@code Retry-After} hint.
 */
public class LlmException extends PraxisException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /** A non-retriable model failure (bad request, authentication, invalid configuration). */
    public LlmException(String message) {
        super(message, null, false);
        this.retryAfter = null;
    }

    /**
     * A model failure caused by {@code cause}.
     *
     * @param retriable true for transient failures (429, 5xx, timeouts, connection resets)
     */
    public LlmException(String message, Throwable cause, boolean retriable) {
        this(message, cause, retriable, null);
    }

    /**
     * A model failure with the server's hint of how long to wait before trying again.
     *
     * @param retryAfter the {@code Retry-After} the server sent, or {@code null}
     */
    public LlmException(String message, Throwable cause, boolean retriable, Duration retryAfter) {
        super(message, cause, retriable);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked the caller to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
