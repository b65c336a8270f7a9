package dev.praxis.env;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Tabular Q-learning (Watkins, 1989), the classic baseline for small discrete problems:
 * {@code Q(s,a) += alpha * (r + gamma * max Q(s',·) - Q(s,a))}, acting epsilon-greedily, with
 * epsilon decaying per episode. A terminated episode does not bootstrap; a truncated one does.
 *
 * <pre>{@code
 * var q = QLearning.builder(CartPole.discretizer(1, 1, 6, 12), env.actions()).seed(7).build();
 * List<Double> returns = q.train(env, 400, 0);
 * Trajectory run = Rollout.of(env, q.greedy()).play(1000);
 * }</pre>
 *
 * <p>Not thread-safe. Exploration draws from a generator seeded by {@link Builder#seed}, so a
 * run with the same seeds is repeatable.
 *
 * @param <O> the observation type
 * @param <A> the action type
 */
public final class QLearning<O, A> {

    private final Function<O, Object> stateKey;
    private final ActionSpace.Discrete<A> actions;
    private final double alpha;
    private final double gamma;
    private final double epsilonMin;
    private final double epsilonDecay;
    private final SplittableRandom random;
    private final Map<Object, double[]> table = new HashMap<>();
    private double epsilon;

    private QLearning(Builder<O, A> b) {
        this.stateKey = b.stateKey;
        this.actions = b.actions;
        this.alpha = b.alpha;
        this.gamma = b.gamma;
        this.epsilon = b.epsilon;
        this.epsilonMin = b.epsilonMin;
        this.epsilonDecay = b.epsilonDecay;
        this.random = new SplittableRandom(b.seed);
    }

    /**
     * Starts configuring a learner.
     *
     * @param stateKey maps an observation to a hashable state (see {@link CartPole#discretizer})
     * @param actions  the environment's actions; must be {@link ActionSpace.Discrete}
     * @throws IllegalArgumentException if the action space is not discrete
     */
    public static <O, A> Builder<O, A> builder(Function<O, Object> stateKey, ActionSpace<A> actions) {
        if (!(actions instanceof ActionSpace.Discrete<A> discrete)) {
            throw new IllegalArgumentException("tabular Q-learning needs a discrete action space, got " + actions);
        }
        return new Builder<>(Objects.requireNonNull(stateKey, "stateKey"), discrete);
    }

    /**
     * Learns from {@code episodes} episodes with seeds {@code firstSeed, firstSeed + 1, ...} and
     * returns each episode's total reward (earned while exploring), in order.
     */
    public List<Double> train(Environment<O, A> env, int episodes, long firstSeed) {
        List<Double> returns = new ArrayList<>(episodes);
        for (int episode = 0; episode < episodes; episode++) {
            returns.add(trainEpisode(env, firstSeed + episode));
            epsilon = Math.max(epsilonMin, epsilon * epsilonDecay);
        }
        return returns;
    }

    private double trainEpisode(Environment<O, A> env, long seed) {
        double[] q = row(env.reset(seed));
        double total = 0;
        boolean done = false;
        while (!done) {
            int action = random.nextDouble() < epsilon ? random.nextInt(actions.size()) : best(q);
            Transition<O> t = env.step(actions.values().get(action));
            double[] next = row(t.observation());
            double target = t.reward() + (t.terminated() ? 0 : gamma * next[best(next)]);
            q[action] += alpha * (target - q[action]);
            total += t.reward();
            q = next;
            done = t.done();
        }
        return total;
    }

    /** The learned policy without exploration: the action of highest value (the first on ties). */
    public Policy<O, A> greedy() {
        return observation -> Decision.of(actions.values().get(best(row(observation))));
    }

    /** The learned value of {@code action} in the state of {@code observation} (0 if never visited). */
    public double value(O observation, A action) {
        double[] q = table.get(stateKey.apply(observation));
        return q == null ? 0 : q[actions.indexOf(action)];
    }

    /** How many distinct states the table holds. */
    public int states() {
        return table.size();
    }

    /** The current exploration rate. */
    public double epsilon() {
        return epsilon;
    }

    private double[] row(O observation) {
        return table.computeIfAbsent(stateKey.apply(observation), k -> new double[actions.size()]);
    }

    private static int best(double[] q) {
        int best = 0;
        for (int i = 1; i < q.length; i++) {
            if (q[i] > q[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Configures a {@link QLearning}; defaults: alpha 0.1, gamma 0.99, epsilon 1 decaying by 0.99 to 0.05, seed 0. */
    public static final class Builder<O, A> {
        private final Function<O, Object> stateKey;
        private final ActionSpace.Discrete<A> actions;
        private double alpha = 0.1;
        private double gamma = 0.99;
        private double epsilon = 1.0;
        private double epsilonMin = 0.05;
        private double epsilonDecay = 0.99;
        private long seed;

        private Builder(Function<O, Object> stateKey, ActionSpace.Discrete<A> actions) {
            this.stateKey = stateKey;
            this.actions = actions;
        }

        /** The learning rate, in (0, 1]. */
        public Builder<O, A> alpha(double value) {
            this.alpha = unit("alpha", value, false);
            return this;
        }

        /** The discount factor, in [0, 1]. */
        public Builder<O, A> gamma(double value) {
            this.gamma = unit("gamma", value, true);
            return this;
        }

        /** Exploration: start rate, floor, and per-episode multiplier, each in [0, 1]. */
        public Builder<O, A> epsilon(double start, double min, double decay) {
            this.epsilon = unit("epsilon start", start, true);
            this.epsilonMin = unit("epsilon min", min, true);
            this.epsilonDecay = unit("epsilon decay", decay, true);
            return this;
        }

        /** The seed of the exploration generator. */
        public Builder<O, A> seed(long value) {
            this.seed = value;
            return this;
        }

        /** Builds the learner with an empty table. */
        public QLearning<O, A> build() {
            return new QLearning<>(this);
        }

        private static double unit(String name, double value, boolean zeroAllowed) {
            if (!(value <= 1.0 && (zeroAllowed ? value >= 0.0 : value > 0.0))) {
                throw new IllegalArgumentException(name + " must be in " + (zeroAllowed ? "[0, 1]" : "(0, 1]")
                        + ", got " + value);
            }
            return value;
        }
    }
}
