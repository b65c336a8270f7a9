package dev.praxis.env;

import java.util.List;
import java.util.Optional;

/**
 * Keeps trajectories and the feedback given on them: the experience that export, in-context
 * examples and evaluation read. Implementations are thread-safe.
 */
public interface TrajectoryStore {

    /** Stores {@code trajectory}, replacing one with the same id. */
    void save(Trajectory trajectory);

    /** The trajectory with {@code id}, if stored. */
    Optional<Trajectory> find(String id);

    /**
     * Attaches feedback to the stored run {@code runId} and returns the updated trajectory.
     *
     * @param score from -1 (bad) to 1 (good)
     * @throws UnknownRunException      if no trajectory has that id
     * @throws IllegalArgumentException if the score is outside [-1, 1]
     */
    Trajectory feedback(String runId, double score, String comment);

    /** Every stored trajectory, oldest first. */
    List<Trajectory> all();
}
