package dev.praxis.env;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link TrajectoryStore} in a map, for tests and single-process use. Thread-safe; unbounded. */
public final class InMemoryTrajectoryStore implements TrajectoryStore {

    private final Map<String, Trajectory> byId = new LinkedHashMap<>();
    private final Clock clock;

    /** A store that stamps feedback with the system clock. */
    public InMemoryTrajectoryStore() {
        this(Clock.systemUTC());
    }

    /** A store that stamps feedback with {@code clock}. */
    public InMemoryTrajectoryStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void save(Trajectory trajectory) {
        Objects.requireNonNull(trajectory, "trajectory");
        byId.put(trajectory.id(), trajectory);
    }

    @Override
    public synchronized Optional<Trajectory> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Trajectory feedback(String runId, double score, String comment) {
        Trajectory stored = byId.get(runId);
        if (stored == null) {
            throw new UnknownRunException(runId);
        }
        Trajectory updated = stored.withFeedback(new Feedback(score, comment == null ? "" : comment, clock.instant()));
        byId.put(runId, updated);
        return updated;
    }

    @Override
    public synchronized List<Trajectory> all() {
        return List.copyOf(new ArrayList<>(byId.values()));
    }
}
