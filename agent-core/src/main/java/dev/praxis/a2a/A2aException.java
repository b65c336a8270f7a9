package dev.praxis.a2a;

import dev.praxis.PraxisException;

/** Talking A2A failed: the remote card could not be fetched or read, or a server could not start. */
public class A2aException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public A2aException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}; {@code retriable} when a later attempt may succeed. */
    public A2aException(String message, Throwable cause, boolean retriable) {
        super(message, cause, retriable);
    }
}
