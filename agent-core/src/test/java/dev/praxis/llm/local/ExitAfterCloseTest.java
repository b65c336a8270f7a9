package dev.praxis.llm.local;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * java-llama.cpp leaves a non-daemon native thread attached to the JVM after close(); without
 * Praxis' watcher a program using a local model never exits. This runs such a program in a
 * child JVM and requires it to end by itself once its {@code main} has returned.
 *
 * <p>Starting the JVM and loading the model take as long as the machine's load makes them, so
 * the test waits for {@code main} to return without a tight limit; the exit itself, which is
 * what is under test, must follow within {@link #EXIT_WITHIN_SECONDS} (the watcher acts after
 * two idle checks, half a second apart).
 */
class ExitAfterCloseTest {

    private static final int EXIT_WITHIN_SECONDS = 30;

    @Test
    void programThatUsedALocalModelExitsWhenMainReturns() throws Exception {
        Path model = TestModels.require(TestModels.STORIES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ExitAfterCloseMain.class.getName(), model.toString()))
                .redirectErrorStream(true)
                .start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Boolean> mainReturned = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(child, output, mainReturned), "exit-after-close-output");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(mainReturned.get(5, TimeUnit.MINUTES)).as("main returned; output:\n%s", output).isTrue();

            boolean exited = child.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);

            assertThat(exited).as("the child JVM exited by itself after main returned").isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }

    /** Reads the child's output to its end, completing {@code mainReturned} when main has returned (or never will). */
    private static void drain(Process child, StringBuffer output, CompletableFuture<Boolean> mainReturned) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.equals("main returned")) {
                    mainReturned.complete(true);
                }
            }
        } catch (IOException e) {
            output.append("(output unreadable: ").append(e).append(")\n");
        } finally {
            mainReturned.complete(false);
        }
    }
}
