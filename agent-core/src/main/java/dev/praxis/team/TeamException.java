package dev.praxis.team;

import dev.praxis.PraxisException;

/**
 * A team was misused or a member broke its contract (threw instead of returning a result,
 * or a blackboard entry was read as the wrong type). The message names the member or entry.
 */
public class TeamException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public TeamException(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}. */
    public TeamException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
