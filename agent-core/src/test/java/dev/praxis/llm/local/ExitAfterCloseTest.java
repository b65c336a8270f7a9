package dev.praxis.llm.local;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * java-llama.cpp leaves a non-daemon native thread attached to the JVM after close(); without
 * Praxis' watcher a program using a local model never exits. This runs such a program in a
 * child JVM and requires it to end by itself.
 */
class ExitAfterCloseTest {

    @Test
    void programThatUsedALocalModelExitsWhenMainReturns() throws Exception {
        Path model = TestModels.require(TestModels.STORIES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = File.createTempFile("exit-after-close", ".log");
        log.deleteOnExit();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ExitAfterCloseMain.class.getName(), model.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();

        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }

        assertThat(exited).as("the child JVM exited by itself").isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(log.toPath(), StandardCharsets.UTF_8)).contains("main returned");
    }
}
