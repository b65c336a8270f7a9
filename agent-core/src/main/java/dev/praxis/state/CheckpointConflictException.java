package dev.praxis.state;

/**
 * Another writer saved the run first (it was resumed twice, or by two processes). The writer
 * that gets this must stop: the run goes on elsewhere.
 */
public class CheckpointConflictException extends CheckpointException {

    private static final long serialVersionUID = 1L;

    /** A conflict on {@code runId}: {@code stored} is already there, {@code offered} was refused. */
    public CheckpointConflictException(String runId, long stored, long offered) {
        super("run " + runId + " was saved at version " + stored + " by another writer; version " + offered
                + " was refused. The run continues elsewhere: do not resume it here.");
    }

    /** A refusal explained by {@code message}, for subtypes. */
    protected CheckpointConflictException(String message) {
        super(message);
    }
}
