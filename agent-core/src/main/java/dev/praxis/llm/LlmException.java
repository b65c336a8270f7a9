package dev.praxis.llm;

import dev.praxis.PraxisException;

/**
 * A model call failed. Thrown by {@link LlmClient} implementations and decorators; the agent
 * loop turns it into a {@code FAILED} result whose reason carries this message.
 */
public class LlmException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A non-retriable model failure (bad request, authentication, invalid configuration). */
    public LlmException(String message) {
        super(message, null, false);
    }

    /**
     * A model failure caused by {@code cause}.
     *
     * @param retriable true for transient failures (429, 5xx, timeouts, connection resets)
     */
    public LlmException(String message, Throwable cause, boolean retriable) {
        super(message, cause, retriable);
    }
}
