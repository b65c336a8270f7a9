package dev.praxis.memory;

import dev.praxis.PraxisException;

/**
 * A memory store failed: the database is unreachable, a file is corrupt, a record cannot be
 * decrypted, or stored data does not fit what the caller asked for (say, a vector of another
 * dimension). The message names the store and the operation.
 */
public class MemoryException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A non-retriable failure described by {@code message}. */
    public MemoryException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}; {@code retriable} when trying again may succeed. */
    public MemoryException(String message, Throwable cause, boolean retriable) {
        super(message, cause, retriable);
    }
}
