package dev.praxis.state;

/**
 * The run was erased by {@link CheckpointStore#forget}, so its state may not be saved again. The
 * writer that gets this must stop the run: the person it was for asked to be forgotten.
 */
public class CheckpointForgottenException extends CheckpointConflictException {

    private static final long serialVersionUID = 1L;

    /** A refused save of the forgotten run {@code runId}. */
    public CheckpointForgottenException(String runId) {
        super("run " + runId + " was erased by forget(tenant, user); its state is not saved again. Stop the run.");
    }
}
