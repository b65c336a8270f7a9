package dev.praxis.examples.game;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.env.Rollout;
import dev.praxis.env.Trajectory;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.offline.OfflineLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GameAiTest {

    @TempDir
    Path data;

    @Test
    void theNpcBeatsARandomPolicyOnTheSameUnseenEpisodes() {
        var world = new CoinChase();

        double npc = mean(Rollout.of(world, new ScriptedNpc(world)).play(GameAi.UNSEEN, GameAi.EPISODES));
        double random = mean(Rollout.of(world, GameAi.random(7)).play(GameAi.UNSEEN, GameAi.EPISODES));

        assertThat(npc).isGreaterThan(random + 2 * CoinChase.COIN);
    }

    @Test
    void theDemoPrintsARisingCurveRanksThePoliciesAndExportsTheNpcEpisodes() throws Exception {
        String out = run();

        assertThat(out).startsWith("Model: " + OfflineLlm.LABEL);
        List<Double> curve = Pattern.compile("(?m)^ +\\d+- *\\d+ +(-?[\\d.]+)").matcher(out).results()
                .map(m -> Double.parseDouble(m.group(1))).toList();
        assertThat(curve).hasSize(GameAi.TRAINING / GameAi.BLOCK);
        assertThat(curve.get(curve.size() - 1)).isGreaterThan(curve.get(0) + CoinChase.COIN);
        double random = reward(out, "random");
        assertThat(reward(out, "Q-learning")).isGreaterThan(random);
        assertThat(reward(out, "NPC \\(offline\\)")).isGreaterThan(random);

        List<String> lines = Files.readAllLines(data.resolve("game-ai/npc-trajectories.jsonl"));
        assertThat(lines).isNotEmpty();
        assertThat(out).contains("training data: " + lines.size() + " NPC episodes");
        var first = new ObjectMapper().readTree(lines.get(0)).get("messages");
        assertThat(first.get(0).get("role").asText()).isEqualTo("system");
        assertThat(first.get(1).get("content").asText()).contains("you are N at");
        assertThat(first.get(2).get("content").asText()).isIn("UP", "DOWN", "LEFT", "RIGHT", "WAIT");
    }

    @Test
    void sameSeedSameEpisodeAndTheGoblinCatchesAStandingNpc() {
        var world = new CoinChase();
        Trajectory a = Rollout.of(world, v -> dev.praxis.env.Decision.of(CoinChase.Move.WAIT)).play(3);
        Trajectory b = Rollout.of(world, v -> dev.praxis.env.Decision.of(CoinChase.Move.WAIT)).play(3);

        assertThat(a.steps()).extracting(s -> s.observation()).isEqualTo(b.steps().stream().map(s -> s.observation()).toList());
        assertThat(a.totalReward()).isEqualTo(CoinChase.CAUGHT);
        assertThatThrownBy(() -> world.step(CoinChase.Move.UP)).isInstanceOf(IllegalStateException.class);
    }

    private String run() throws Exception {
        var bytes = new ByteArrayOutputStream();
        new GameAi().run(ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double mean(List<Trajectory> episodes) {
        return episodes.stream().mapToDouble(Trajectory::totalReward).average().orElseThrow();
    }

    private static double reward(String out, String label) {
        var m = Pattern.compile("(?m)^  " + label + " +mean reward +(-?[\\d.]+)").matcher(out);
        assertThat(m.find()).as(label + " in:\n" + out).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
