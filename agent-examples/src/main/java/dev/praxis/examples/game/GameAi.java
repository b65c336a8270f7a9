package dev.praxis.examples.game;

import dev.praxis.env.Decision;
import dev.praxis.env.FineTuning;
import dev.praxis.env.LlmPolicy;
import dev.praxis.env.Policy;
import dev.praxis.env.QLearning;
import dev.praxis.env.Rollout;
import dev.praxis.env.Trajectory;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.examples.game.CoinChase.Move;
import dev.praxis.examples.game.CoinChase.View;
import dev.praxis.llm.LlmClients;
import dev.praxis.tool.Tool;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Game AI: a non-player character in {@link CoinChase}, a small turn-based world on the
 * {@code env} Environment API. Trains the Q-learning baseline (printing its reward curve),
 * then plays the same unseen episodes with a random policy, the learned table and the NPC's
 * policy: a language model through {@link LlmPolicy} when {@code PRAXIS_MODEL} is set, else
 * the offline utility rule ({@link ScriptedNpc}). The NPC's episodes are exported as chat
 * fine-tuning data.
 */
public final class GameAi implements Example {

    static final int TRAINING = 3000;
    static final int BLOCK = 300;
    static final long UNSEEN = 10_000;
    /** Episodes per policy in the comparison; a real model plays fewer (each turn is a model call). */
    static final int EPISODES = 50;
    static final int LLM_EPISODES = 3;

    @Override
    public String name() {
        return "game-ai";
    }

    @Override
    public String summary() {
        return "an NPC in a turn-based world: offline/LLM policy vs Q-learning vs random, reward curve, training data";
    }

    @Override
    public List<Tool> tools() {
        return List.of();
    }

    @Override
    public void run(ExampleContext context) throws IOException {
        PrintStream out = context.out();
        var world = new CoinChase();
        boolean llm = !context.env().getOrDefault(LlmClients.MODEL, "").isBlank();
        Policy<View, Move> npc;
        if (llm) {
            npc = LlmPolicy.builder(context.model(OfflineLlm::basic), world).systemPrompt(world.instructions()).build();
        } else {
            out.println("Model: " + OfflineLlm.LABEL + " - the NPC follows a scripted utility rule;"
                    + " set PRAXIS_MODEL for an LLM policy");
            npc = new ScriptedNpc(world);
        }
        out.println(world.instructions());
        var q = QLearning.<View, Move>builder(CoinChase::state, world.actions())
                .alpha(0.2).gamma(0.9).epsilon(1.0, 0.02, 0.998).seed(7).build();
        List<Double> training = q.train(world, TRAINING, 0);
        out.println("Q-learning reward per episode, mean of each " + BLOCK + " episodes:");
        curve(training).forEach(line -> out.println("  " + line));
        int episodes = llm ? LLM_EPISODES : EPISODES;
        out.printf("%d unseen episodes each (seeds %d-%d):%n", episodes, UNSEEN, UNSEEN + episodes - 1);
        report(out, "random", Rollout.of(world, random(7)).play(UNSEEN, episodes));
        report(out, "Q-learning", Rollout.of(world, q.greedy()).play(UNSEEN, episodes));
        List<Trajectory> played = Rollout.of(world, npc).play(UNSEEN, episodes);
        report(out, llm ? "LLM NPC" : "NPC (offline)", played);
        Path file = context.dir(name()).resolve("npc-trajectories.jsonl");
        try (Writer writer = Files.newBufferedWriter(file)) {
            var summary = FineTuning.export(played, FineTuning.rewardAtLeast(CoinChase.COIN), writer);
            out.printf("training data: %d NPC episodes scoring at least %.0f -> %s"
                    + " (%d filtered out, %d skipped)%n", summary.written(), CoinChase.COIN, file, summary.filtered(), summary.skipped().size());
        }
    }

    /** A policy that moves at random, from a seeded generator. */
    static Policy<View, Move> random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Move[] moves = Move.values();
        return v -> Decision.of(moves[random.nextInt(moves.length)]);
    }

    /** One line per policy: mean reward, coins and how often it was caught. */
    static void report(PrintStream out, String label, List<Trajectory> episodes) {
        double reward = episodes.stream().mapToDouble(Trajectory::totalReward).average().orElse(0);
        long caught = episodes.stream().filter(t -> t.steps().get(t.steps().size() - 1).reward() < 0).count();
        out.printf(Locale.ROOT, "  %-14s mean reward %6.2f  caught in %d of %d%n", label, reward, caught, episodes.size());
    }

    /** One bar per block of episodes: its range and mean reward (one # per coin's worth). */
    static List<String> curve(List<Double> rewards) {
        List<String> lines = new java.util.ArrayList<>();
        for (int start = 0; start < rewards.size(); start += BLOCK) {
            List<Double> block = rewards.subList(start, Math.min(start + BLOCK, rewards.size()));
            double mean = block.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            lines.add(String.format(Locale.ROOT, "%4d-%4d %6.2f %s", start + 1, start + block.size(), mean,
                    "#".repeat((int) Math.max(0, Math.round(mean / CoinChase.COIN * 2)))));
        }
        return lines;
    }
}
