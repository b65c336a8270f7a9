package dev.praxis.env;

/**
 * Chooses an action for an observation: a language model ({@link LlmPolicy}), an agent
 * ({@link AgentPolicy}), a learned table ({@link QLearning#greedy()}) or any Java code.
 *
 * <pre>{@code
 * Policy<CartPole.State, CartPole.Push> lean = s -> Decision.of(s.theta() > 0 ? Push.RIGHT : Push.LEFT);
 * }</pre>
 *
 * @param <O> the observation type
 * @param <A> the action type
 */
@FunctionalInterface
public interface Policy<O, A> {

    /** The action for {@code observation}, with the conversation that produced it, if any. */
    Decision<A> decide(O observation);
}
