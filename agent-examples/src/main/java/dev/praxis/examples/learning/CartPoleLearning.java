package dev.praxis.examples.learning;

import dev.praxis.env.CartPole;
import dev.praxis.env.QLearning;
import dev.praxis.env.Rollout;
import dev.praxis.env.Trajectory;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.tool.Tool;

import java.io.PrintStream;
import java.util.List;

/**
 * An agent learning in an environment: tabular Q-learning on CartPole (the Gym classic),
 * printing the reward curve as it learns and then the greedy policy's result on unseen seeds.
 */
public final class CartPoleLearning implements Example {

    static final int EPISODES = 600;
    static final int BLOCK = 50;
    static final int EVALUATION_SEEDS = 10;

    @Override
    public String name() {
        return "cartpole";
    }

    @Override
    public String summary() {
        return "Q-learning balances CartPole; prints the reward curve";
    }

    @Override
    public List<Tool> tools() {
        return List.of();
    }

    @Override
    public void run(ExampleContext context) {
        PrintStream out = context.out();
        out.println("Model: none needed - the learner is tabular Q-learning (no LLM)");
        var env = new CartPole();
        var q = QLearning.<CartPole.State, CartPole.Push>builder(CartPole.discretizer(1, 1, 6, 6), env.actions())
                .alpha(0.1).gamma(0.99).epsilon(1.0, 0.01, 0.99).seed(7)
                .build();
        List<Double> rewards = q.train(env, EPISODES, 0);
        out.println("reward per episode, mean of each " + BLOCK + " episodes (500 = balanced to the end):");
        for (String line : curve(rewards)) {
            out.println("  " + line);
        }
        double total = 0;
        for (long seed = 10_000; seed < 10_000 + EVALUATION_SEEDS; seed++) {
            Trajectory greedy = Rollout.of(env, q.greedy()).play(seed);
            total += greedy.totalReward();
        }
        out.printf("greedy policy on %d unseen starts: mean reward %.1f; %d states learned%n",
                EVALUATION_SEEDS, total / EVALUATION_SEEDS, q.states());
    }

    /** One bar per block of episodes: its episodes and mean reward. */
    static List<String> curve(List<Double> rewards) {
        List<String> lines = new java.util.ArrayList<>();
        for (int start = 0; start < rewards.size(); start += BLOCK) {
            List<Double> block = rewards.subList(start, Math.min(start + BLOCK, rewards.size()));
            double mean = block.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            lines.add(String.format("%3d-%3d %6.1f %s", start + 1, start + block.size(), mean,
                    "#".repeat((int) Math.round(mean / 10))));
        }
        return lines;
    }
}
