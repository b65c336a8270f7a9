package dev.praxis.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's {@code eval} command names a suite file that exists, and the command passes on it. */
class ReadmeEvalCommandTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesEvalCommandRunsItsSampleSuite(@TempDir Path data) throws Exception {
        Matcher command = Pattern.compile("praxis\\.jar (eval \\S+)").matcher(Files.readString(ROOT.resolve("README.md")));
        assertThat(command.find()).as("README.md shows an eval command").isTrue();
        List<String> args = new ArrayList<>(List.of(command.group(1).split(" ")));
        Path suite = ROOT.resolve(args.get(1));
        assertThat(suite).as("the suite file the README names").isRegularFile();
        args.set(1, suite.toString());
        args.addAll(0, List.of("--data-dir", data.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of()).execute(args.toArray(String[]::new));

        assertThat(exit).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("pass  times").contains("passed 100%")
                .contains("report: ");
    }
}
