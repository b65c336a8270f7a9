package dev.praxis.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TraceCommandTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private int praxis(String... args) {
        var cli = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of());
        return cli.execute(args);
    }

    @Test
    void runWritesTheEventsAndTraceTurnsThemIntoAPage() throws Exception {
        Path events = data.resolve("quickstart.jsonl");

        assertThat(praxis("--data-dir", data.toString(), "run", "quickstart", "--events", events.toString())).isZero();
        assertThat(praxis("trace", events.toString())).isZero();

        assertThat(Files.readAllLines(events)).hasSizeGreaterThan(10).allSatisfy(l -> assertThat(l).startsWith("{\"v\":1,"));
        Path page = data.resolve("quickstart.html");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("trace: " + page.toAbsolutePath());
        assertThat(Files.readString(page)).contains("data-agent=\"quickstart\"").contains("multiply {&quot;a&quot;:1234");
    }
}
