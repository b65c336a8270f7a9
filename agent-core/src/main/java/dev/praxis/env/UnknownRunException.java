package dev.praxis.env;

import dev.praxis.PraxisException;

/** Feedback or a lookup named a run that the store does not hold. */
public class UnknownRunException extends PraxisException {

    private static final long serialVersionUID = 1L;

    /** Names the missing run. */
    public UnknownRunException(String runId) {
        super("no trajectory stored for run '" + runId + "': record the run before giving feedback on it");
    }
}
