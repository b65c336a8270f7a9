package dev.praxis.distributed;

import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The worker's view of the shared checkpoint store: a decorator that lets a run write only
 * while this worker holds a {@link Lease} on it. A lease is lost when the run's partition is
 * revoked (another worker will resume it) or when a save conflicts (another worker already
 * moved the run on) or fails (the attempt is then tried again from the last saved checkpoint);
 * from then on every save of that run is refused, so the run stops at its next checkpoint, runs
 * no further side effect, and cannot record an ending of its own.
 */
final class Fence implements CheckpointStore {

    private final CheckpointStore store;
    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Fence(CheckpointStore store) {
        this.store = store;
    }

    /**
     * A new lease on {@code runId}, replacing any earlier one; already released once the worker is
     * closing. Every state saved under it carries {@code pickups} (see {@link Pickups}).
     */
    Lease acquire(String runId, int pickups) {
        Lease lease = new Lease(runId, pickups);
        leases.put(runId, lease);
        if (closed) {
            lease.lose("the worker is shutting down", true);
        }
        return lease;
    }

    /** Releases every lease, now and from now on: the worker is shutting down. */
    void releaseAll() {
        closed = true;
        leases.values().forEach(l -> l.lose("the worker is shutting down", true));
    }

    /** Ends {@code lease}; saves of its run then go straight to the store again. */
    void close(Lease lease) {
        leases.remove(lease.runId, lease);
    }

    /** Revokes the lease on {@code runId}, if one is held, because its partition went elsewhere. */
    void release(String runId) {
        Lease lease = leases.get(runId);
        if (lease != null) {
            lease.lose("its partition was assigned to another worker", true);
        }
    }

    /** Whether this worker may still write {@code runId} (true for runs it holds no lease on). */
    boolean writable(String runId) {
        Lease lease = leases.get(runId);
        return lease == null || !lease.lost();
    }

    @Override
    public void save(RunState state) {
        Lease lease = leases.get(state.runId());
        if (lease != null && lease.lost()) {
            throw new CheckpointException("run " + state.runId() + " is no longer this worker's: " + lease.reason());
        }
        try {
            store.save(lease == null || Pickups.count(state) == lease.pickups ? state
                    : Pickups.with(state, lease.pickups, state.version()));
        } catch (CheckpointConflictException e) {
            if (lease != null) {
                lease.lose("another worker saved it first (" + e.getMessage() + ")", false);
            }
            throw e;
        } catch (CheckpointException e) {
            // a store that failed for a moment must not let the run record a FAILED ending: the
            // attempt stops here and is tried again from the last checkpoint that did get saved
            if (lease != null) {
                lease.lose("the store failed: " + e.getMessage(), false);
            }
            throw e;
        }
    }

    @Override
    public Optional<RunState> load(String runId) {
        return store.load(runId);
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return store.runIds(phase);
    }

    @Override
    public void delete(String runId) {
        store.delete(runId);
    }

    /** Erases the user's runs in the store; a leased run of theirs then stops at its next save. */
    @Override
    public long forget(String tenant, String user) {
        return store.forget(tenant, user);
    }

    /** A worker's right to write one run's checkpoints, until lost. Thread-safe. */
    static final class Lease {
        private final String runId;
        private final int pickups;
        private volatile String reason;
        private volatile boolean released;

        private Lease(String runId, int pickups) {
            this.runId = runId;
            this.pickups = pickups;
        }

        synchronized void lose(String why, boolean partitionReleased) {
            if (reason == null) {
                reason = why;
                released = partitionReleased;
            }
        }

        /** Whether the run may no longer be written by this worker. */
        boolean lost() {
            return reason != null;
        }

        /** Whether it was lost because the partition moved (as opposed to a conflicting save). */
        boolean released() {
            return released;
        }

        String reason() {
            return reason == null ? "" : reason;
        }
    }
}
