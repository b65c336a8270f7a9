package dev.praxis.state;

import dev.praxis.PraxisException;

/** A run state could not be stored or read back; the message names the run and the cause. */
public class CheckpointException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CheckpointException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}; {@code retriable} for I/O that may succeed later. */
    public CheckpointException(String message, Throwable cause, boolean retriable) {
        super(message, cause, retriable);
    }
}
