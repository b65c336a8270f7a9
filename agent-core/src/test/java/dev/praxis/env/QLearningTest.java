package dev.praxis.env;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QLearningTest {

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void learnsShortestSafePathInGridWorld() {
        var env = GridWorld.parse(List.of(
                "S...#....",
                ".##.#.##.",
                ".#..X..#.",
                ".#.###.#.",
                ".......#G"), 100);
        var q = QLearning.<GridWorld.Cell, GridWorld.Move>builder(cell -> cell, env.actions())
                .alpha(0.5).gamma(0.95).epsilon(1.0, 0.05, 0.97).seed(11).build();

        List<Double> returns = q.train(env, 400, 0);
        Trajectory greedy = Rollout.of(env, q.greedy()).withMaxSteps(100).play(0);

        double first = mean(returns.subList(0, 20));
        double last = mean(returns.subList(380, 400));
        assertThat(last).isGreaterThan(first + 40);
        // the shortest path around the pit, counted by hand: 22 moves, 21 at -1 and the last onto G at +10
        assertThat(greedy.steps()).hasSize(22);
        assertThat(greedy.totalReward()).isEqualTo(-11.0);
    }

    @Test
    void learnsToBalanceCartPoleFarBetterThanChance() {
        var env = new CartPole();
        var q = QLearning.<CartPole.State, CartPole.Push>builder(CartPole.discretizer(1, 1, 6, 6), env.actions())
                .alpha(0.1).gamma(0.99).epsilon(1.0, 0.01, 0.99).seed(7).build();
        var random = new java.util.SplittableRandom(1);
        double chance = mean(Rollout.of(env, (CartPole.State s) -> Decision.of(
                random.nextBoolean() ? CartPole.Push.LEFT : CartPole.Push.RIGHT)).play(10_000, 50)
                .stream().map(Trajectory::totalReward).toList());

        List<Double> training = q.train(env, 600, 0);
        double learned = mean(Rollout.of(env, q.greedy()).play(10_000, 50).stream()
                .map(Trajectory::totalReward).toList());

        assertThat(chance).isLessThan(40);
        assertThat(mean(training.subList(550, 600))).isGreaterThan(3 * mean(training.subList(0, 50)));
        // 195 over consecutive episodes is the classic "solved" bar for this task
        assertThat(learned).isGreaterThan(195);
    }

    @Test
    void rejectsFreeTextActionSpaces() {
        assertThatThrownBy(() -> QLearning.builder(o -> o, ActionSpace.text()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discrete");
    }
}
