package dev.praxis.tools.a2a;

import dev.praxis.PraxisException;

/** Talking A2A failed: a remote agent card could not be fetched or read, or a server could not start. */
public final class A2aException extends PraxisException {

    private static final long serialVersionUID = 1L;

    A2aException(String message, Throwable cause, boolean retriable) {
        super(message, cause, retriable);
    }
}
