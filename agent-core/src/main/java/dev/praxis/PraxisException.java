package dev.praxis;

/**
 * Root of every unchecked exception Praxis throws to its caller.
 *
 * <p>{@link #isRetriable()} tells the caller whether trying the same operation again may
 * succeed (a timeout, a rate limit, a broken connection) or cannot (bad configuration,
 * invalid input). Subtypes name the part that failed.
 */
public class PraxisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    /** A non-retriable failure with a message that says what failed and what to do. */
    public PraxisException(String message) {
        this(message, null, false);
    }

    /**
     * A failure caused by {@code cause}.
     *
     * @param retriable whether the same operation may succeed when tried again
     */
    public PraxisException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** Whether trying the same operation again may succeed. */
    public boolean isRetriable() {
        return retriable;
    }
}
