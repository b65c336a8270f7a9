package dev.praxis.state;

import dev.praxis.memory.Forgettable;

import java.util.List;
import java.util.Optional;

/**
 * Where run states are kept so a run can continue after a crash, a restart or a person's
 * decision. Implementations: {@link InMemoryCheckpointStore}, {@link FileCheckpointStore}
 * and, in agent-memory, SQLite, PostgreSQL and Redis stores. All are thread-safe.
 *
 * <p>Saving is compare-and-set on {@link RunState#version()}: a state whose version is not
 * greater than the stored one is rejected with {@link CheckpointConflictException}, so two
 * processes resuming the same run cannot both continue it. {@link #save} returns only once
 * the state is durable in the store's sense (the file store forces it to disk).
 *
 * <p>A state holds a person's transcript, tool results and pending approvals, so every store
 * is {@link Forgettable}: {@link #forget} erases each run (team runs included) whose
 * {@link RunState#owner() owner} is that tenant's user. A run's owner is its session's tenant
 * and user; a run without a session has one only if its request named it
 * ({@code AgentRequest.onBehalfOf}); runs with no owner are found by no forget. A forgotten run
 * id stays refused: a later save of it (a run still in flight when forget ran) fails with
 * {@link CheckpointForgottenException} instead of storing the state again.
 */
public interface CheckpointStore extends Forgettable {

    /**
     * Stores {@code state}, replacing the run's earlier state.
     *
     * @throws CheckpointConflictException if the store holds this run at the same or a newer version,
     *                                     or ({@link CheckpointForgottenException}) the run was forgotten
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

    /** Removes {@code runId}; does nothing if it is not stored. The run id may be saved again. */
    void delete(String runId);

    /**
     * Erases every run owned by {@code tenant}'s {@code user}, in every agent and session, and
     * refuses later saves of those run ids. A run saved for the first time while this runs may
     * survive it.
     *
     * @return the number of runs erased
     * @throws CheckpointException if the store fails; then some runs may remain (calling again is safe)
     */
    @Override
    long forget(String tenant, String user);
}
