package dev.praxis.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    private static final String SUITE = """
            {"id": "times", "input": "What is 1234 times 5678?", "checks": [{"type": "contains", "value": "7006652"}]}
            {"id": "plus", "input": "how much is 17 plus 25", "checks": [{"type": "contains", "value": "42"}]}
            {"id": "wrong", "input": "subtract 10 minus 58", "checks": [{"type": "contains", "value": "+48"}]}
            {"id": "divide", "input": "divide 144 by 12", "checks": [{"type": "regex", "pattern": "\\\\b12\\\\b"}]}
            """;

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    private int praxis(String... args) {
        var cli = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of());
        cli.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Path suite() throws Exception {
        Path suite = data.resolve("suite.jsonl");
        Files.writeString(suite, SUITE);
        return suite;
    }

    @Test
    void belowTheDefaultThresholdOfEveryCaseExitsOneWithTheFailingCasesReason() throws Exception {
        assertThat(praxis("eval", suite().toString())).isEqualTo(1);

        assertThat(out()).contains("  pass  times")
                .contains("  FAIL  wrong: contains check failed: ")
                .contains("praxis: 75% of 4 cases passed, below the pass threshold of 100%");
    }

    @Test
    void atOrAboveTheThresholdExitsZero() throws Exception {
        assertThat(praxis("eval", suite().toString(), "--pass-threshold", "75%")).isZero();

        assertThat(out()).contains("FAIL  wrong").doesNotContain("below the pass threshold");
    }

    @Test
    void aThresholdThatIsNoShareIsAUsageError() throws Exception {
        assertThat(praxis("eval", suite().toString(), "-t", "1.5")).isEqualTo(2);

        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("--pass-threshold '1.5' is not a share");
    }

    @Test
    void progressNeverSharesALineWithCaseOutputEvenWithTwoCasesInFlight() throws Exception {
        praxis("eval", suite().toString(), "-c", "2", "-t", "0");

        List<String> lines = List.of(out().split("\n")); // String.lines() would split at the bar's \r
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches(
                "Model: .*|(\\r\\[[#-]{30}\\] \\d/4)+|  (pass|FAIL)  \\w+.*|cases .*|report: .*"));
        assertThat(lines).filteredOn(l -> l.startsWith("\r")).hasSize(1);
    }
}
