package dev.praxis.distributed;

import dev.praxis.PraxisException;

/**
 * A distributed run could not be submitted, awaited or served: the broker is unreachable, a
 * wait timed out, or the configuration is wrong. {@link #isRetriable()} says whether trying
 * again may help.
 */
public class DistributedException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A non-retriable failure. */
    public DistributedException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}. */
    public DistributedException(String message, Throwable cause, boolean retriable) {
        super(message, cause, retriable);
    }
}
