package dev.praxis.examples.evaluation;

import dev.praxis.examples.ExampleContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationTest {

    @TempDir
    Path data;

    @Test
    void runsTheSuiteReportsEachCaseAndWritesTheHtmlReport() throws Exception {
        var bytes = new ByteArrayOutputStream();

        new Evaluation().run(ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("] 7/7").contains("pass  times").contains("pass  by-zero")
                .contains("FAIL  words")            // offline mode reads digits, not number words
                .contains("cases 7, passed 86%");
        Path report = data.resolve("evaluation/quickstart-suite-quickstart.html");
        assertThat(Files.readString(report)).contains("<svg").contains("times").contains("words");
    }
}
