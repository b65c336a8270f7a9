package dev.praxis.examples.learning;

import dev.praxis.examples.ExampleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CartPoleLearningTest {

    @TempDir
    Path data;

    @Test
    void rewardCurveRisesAndTheGreedyPolicyBalances() {
        var bytes = new ByteArrayOutputStream();

        new CartPoleLearning().run(ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data));

        String out = bytes.toString(StandardCharsets.UTF_8);
        List<Double> means = Pattern.compile("(?m)^ +\\d+- *\\d+ +([\\d.]+) ").matcher(out).results()
                .map(m -> Double.parseDouble(m.group(1))).toList();
        assertThat(means).hasSize(CartPoleLearning.EPISODES / CartPoleLearning.BLOCK);
        assertThat(means.get(means.size() - 1)).isGreaterThan(means.get(0) * 5);
        Matcher greedy = Pattern.compile("mean reward ([\\d.]+)").matcher(out);
        assertThat(greedy.find()).isTrue();
        assertThat(Double.parseDouble(greedy.group(1))).isGreaterThan(195);   // Gym's "solved" bar
    }

    @Test
    void curveHasOneBarPerBlock() {
        assertThat(CartPoleLearning.curve(List.of(10.0, 30.0))).containsExactly("  1-  2   20.0 ##");
    }
}
