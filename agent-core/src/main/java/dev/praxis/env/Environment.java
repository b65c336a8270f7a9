package dev.praxis.env;

/**
 * A world an agent acts in, Gym style: {@link #reset} starts an episode and returns the first
 * observation; {@link #step} applies one action and returns what followed.
 *
 * <pre>{@code
 * Environment<CartPole.State, CartPole.Push> env = new CartPole();
 * CartPole.State state = env.reset(42);
 * Transition<CartPole.State> t = env.step(CartPole.Push.RIGHT);
 * }</pre>
 *
 * <p>Environments hold the state of one episode and are not thread-safe: give each thread
 * its own instance. Calling {@link #step} before {@link #reset} or after the episode ended
 * throws {@link IllegalStateException}.
 *
 * @param <O> what the agent observes
 * @param <A> what the agent can do
 */
public interface Environment<O, A> {

    /** Starts a new episode; the same seed gives the same episode. */
    O reset(long seed);

    /** Applies {@code action} and returns the next observation, the reward and whether the episode ended. */
    Transition<O> step(A action);

    /** The actions this environment accepts. */
    ActionSpace<A> actions();

    /** The observation as text, for a language-model policy; defaults to {@code toString()}. */
    default String render(O observation) {
        return String.valueOf(observation);
    }

    /** What the agent should try to achieve, in words for a language model. */
    default String instructions() {
        return "Choose the action that earns the most reward.";
    }
}
