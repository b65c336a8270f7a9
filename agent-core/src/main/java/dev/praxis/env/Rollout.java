package dev.praxis.env;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Plays episodes of an environment with a policy and records each as a {@link Trajectory}.
 *
 * <pre>{@code
 * Trajectory episode = Rollout.of(new CartPole(), policy).play(42);
 * double score = episode.totalReward();
 * }</pre>
 *
 * <p>An episode ends when the environment says so or after {@code maxSteps} steps, whichever
 * comes first. Not thread-safe (the environment is not).
 *
 * @param <O> the observation type
 * @param <A> the action type
 */
public final class Rollout<O, A> {

    private final Environment<O, A> env;
    private final Policy<O, A> policy;
    private final int maxSteps;
    private final Clock clock;
    private final TrajectoryStore store;

    private Rollout(Environment<O, A> env, Policy<O, A> policy, int maxSteps, Clock clock, TrajectoryStore store) {
        this.env = Objects.requireNonNull(env, "env");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        this.maxSteps = maxSteps;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = store;
    }

    /** A rollout of at most 10,000 steps per episode, timed by the system clock. */
    public static <O, A> Rollout<O, A> of(Environment<O, A> env, Policy<O, A> policy) {
        return new Rollout<>(env, policy, 10_000, Clock.systemUTC(), null);
    }

    /** This rollout with another step cap per episode. */
    public Rollout<O, A> withMaxSteps(int steps) {
        return new Rollout<>(env, policy, steps, clock, store);
    }

    /** This rollout timed by {@code newClock}. */
    public Rollout<O, A> withClock(Clock newClock) {
        return new Rollout<>(env, policy, maxSteps, newClock, store);
    }

    /** This rollout, saving every episode it plays into {@code target} (for replay, feedback and export). */
    public Rollout<O, A> recordingInto(TrajectoryStore target) {
        return new Rollout<>(env, policy, maxSteps, clock, Objects.requireNonNull(target, "target"));
    }

    /** Plays one episode from {@code env.reset(seed)} to its end. */
    public Trajectory play(long seed) {
        Instant start = clock.instant();
        O observation = env.reset(seed);
        String task = env.render(observation);
        List<TrajectoryStep> steps = new ArrayList<>();
        boolean done = false;
        while (!done && steps.size() < maxSteps) {
            Instant stepStart = clock.instant();
            Decision<A> decision = policy.decide(observation);
            Transition<O> next = env.step(decision.action());
            steps.add(new TrajectoryStep(steps.size() + 1, env.render(observation), String.valueOf(decision.action()),
                    decision.messages(), next.reward(), decision.usage(),
                    Duration.between(stepStart, clock.instant())));
            observation = next.observation();
            done = next.done();
        }
        Trajectory episode = new Trajectory(UUID.randomUUID().toString(), task, Trajectory.Origin.EPISODE, steps,
                List.of(), start, Duration.between(start, clock.instant()));
        if (store != null) {
            store.save(episode);
        }
        return episode;
    }

    /** Plays {@code episodes} episodes with seeds {@code firstSeed, firstSeed + 1, ...}. */
    public List<Trajectory> play(long firstSeed, int episodes) {
        List<Trajectory> all = new ArrayList<>(episodes);
        for (int i = 0; i < episodes; i++) {
            all.add(play(firstSeed + i));
        }
        return all;
    }
}
