package dev.praxis.env;

import java.util.Map;
import java.util.Objects;

/**
 * What followed one action.
 *
 * @param observation the new observation
 * @param reward      the reward for the action
 * @param terminated  the episode reached an end state (goal, failure)
 * @param truncated   the episode was cut short by a limit (step cap), not by its own rules
 * @param info        extra facts for logs and debugging (never needed to act)
 * @param <O>         the observation type
 */
public record Transition<O>(O observation, double reward, boolean terminated, boolean truncated,
                            Map<String, String> info) {

    /** Rejects a null observation and non-finite rewards; copies {@code info}. */
    public Transition {
        Objects.requireNonNull(observation, "observation");
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
        info = Map.copyOf(info);
    }

    /** A transition without extra info. */
    public static <O> Transition<O> of(O observation, double reward, boolean terminated, boolean truncated) {
        return new Transition<>(observation, reward, terminated, truncated, Map.of());
    }

    /** Whether the episode is over, for either reason. */
    public boolean done() {
        return terminated || truncated;
    }
}
