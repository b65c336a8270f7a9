package dev.praxis.agent;

import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new JVM loads for a plain run with one tool (bench/FIXES.md, "Session 7"): no part of
 * the platform's crypto framework, whose set-up for a run id cost a tenth of the start, and no
 * JSON-schema validator while the quick check vouches for every call (another 300 classes), and
 * no Jackson serialization set up for the tool's schema (90). Checked in a fresh JVM, since this
 * test JVM has long loaded all three.
 */
class StartupWorkTest {

    @Test
    void plainRunWithOneToolLoadsNeitherCryptoNorSchemaValidator(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), PlainRun.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("answer: 5");

        List<String> loaded = Files.readAllLines(log).stream()
                .filter(line -> line.contains("[class,load]"))
                .map(line -> line.substring(line.indexOf("[class,load]") + 13).split(" ")[0])
                .toList();
        assertThat(loaded).contains(RunIds.class.getName(), "dev.praxis.tool.internal.ArgumentValidator");
        assertThat(loaded).noneMatch(name -> name.startsWith("com.networknt."));
        assertThat(loaded).as("Jackson set up to serialize a value (the tool's schema is turned into a tree by hand)")
                .doesNotContain("com.fasterxml.jackson.databind.ser.impl.ReadOnlyClassToSerializerMap");
        assertThat(loaded).noneMatch(name -> name.startsWith("javax.crypto."));
        if (Files.isReadable(Path.of("/dev/urandom"))) {
            assertThat(loaded).doesNotContain("java.security.SecureRandom");
        }
    }

    /** The child: one scripted tool call, then the answer. */
    public static final class PlainRun {
        public static void main(String[] args) {
            ScriptedLlm llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
            AgentResult result = LlmAgent.builder().llm(llm).tools(new Calculator()).build().run("2+3?");
            System.out.println("answer: " + result.output() + " " + result.status());
        }
    }
}
