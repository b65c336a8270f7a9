package dev.praxis.state;

import java.util.List;
import java.util.Optional;

/**
 * Where run states are kept so a run can continue after a crash, a restart or a person's
 * decision. Implementations: {@link InMemoryCheckpointStore}, {@link FileCheckpointStore}
 * and, in agent-memory, a SQLite store. All are thread-safe.
 *
 * <p>Saving is compare-and-set on {@link RunState#version()}: a state whose version is not
 * greater than the stored one is rejected with {@link CheckpointConflictException}, so two
 * processes resuming the same run cannot both continue it. {@link #save} returns only once
 * the state is durable in the store's sense (the file store forces it to disk).
 */
public interface CheckpointStore {

    /**
     * Stores {@code state}, replacing the run's earlier state.
     *
     * @throws CheckpointConflictException if the store holds this run at the same or a newer version
     * @throws CheckpointException         if the state cannot be written
     */
    void save(RunState state);

    /**
     * The latest state of {@code runId}, if stored.
     *
     * @throws CheckpointException if the stored state cannot be read
     */
    Optional<RunState> load(String runId);

    /** Ids of the runs in {@code phase}, oldest update first: what to resume after a restart. */
    List<String> runIds(RunState.Phase phase);

    /** Forgets {@code runId}; does nothing if it is not stored. */
    void delete(String runId);
}
