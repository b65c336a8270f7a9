package dev.praxis.env;

import dev.praxis.memory.Experience;
import dev.praxis.memory.ExperienceStore;
import dev.praxis.memory.MemoryScope;

import java.util.Objects;

/**
 * Bridges trajectories to the memory module's episodic {@link ExperienceStore}, so runs
 * recorded here can be recalled by embedding similarity (and survive in a durable store).
 *
 * <pre>{@code
 * Trajectory run = store.feedback(result.runId(), 1.0, "correct");
 * Experiences.record(experienceStore, scope, run, 1.0);
 * var replay = ExperienceReplay.from(experienceStore, scope);
 * }</pre>
 *
 * <p>An {@code Experience} keeps one feedback score fixed at recording time, so record a
 * trajectory after its feedback is in.
 */
public final class Experiences {

    private Experiences() {
    }

    /**
     * The trajectory as an experience: its task, one line per step (the action), SUCCEEDED
     * when the total reward is at least {@code successReward}, the mean feedback (0 if none)
     * and the time it finished.
     */
    public static Experience of(Trajectory trajectory, double successReward) {
        Objects.requireNonNull(trajectory, "trajectory");
        return new Experience(trajectory.task(), trajectory.steps().stream().map(TrajectoryStep::action).toList(),
                trajectory.totalReward() >= successReward ? Experience.Outcome.SUCCEEDED : Experience.Outcome.FAILED,
                trajectory.feedbackScore().orElse(0), trajectory.startedAt().plus(trajectory.duration()));
    }

    /** Records {@link #of(Trajectory, double)} in {@code store} under {@code scope}; returns the store's id. */
    public static String record(ExperienceStore store, MemoryScope scope, Trajectory trajectory, double successReward) {
        return store.record(scope, of(trajectory, successReward));
    }
}
