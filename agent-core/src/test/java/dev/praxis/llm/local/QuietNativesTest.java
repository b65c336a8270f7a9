package dev.praxis.llm.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A program that loads a local model sees nothing from Praxis or llama.cpp on its standard
 * output or error (what llama.cpp logs while generating goes to SLF4J), and the native library lands in a folder of
 * the user's own, not in the shared temporary directory. Runs in a child JVM, because native
 * code writes to the process's file descriptors, which System.setOut cannot capture. The child
 * grants native access as docs/llm.md tells applications to on JDK 22 and later: without it,
 * JDK 24+ prints its own restricted-method warning, which only the application can turn off.
 */
class QuietNativesTest {

    @TempDir
    Path dir;

    /**
     * What docs/llm.md tells an application on {@code jdk}: from JDK 24 the JVM itself warns on
     * standard error when llama's {@code System.load} runs without native access granted (no
     * library can switch that off), so a program grants it, as this test's child does. The option
     * exists from JDK 22 (21 knows it only with preview features on).
     */
    static List<String> nativeAccess(int jdk) {
        return jdk >= 22 ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    @Test
    void loadingAndRunningAModelWritesNothingToStdoutOrStderr() throws Exception {
        Path model = TestModels.require(TestModels.STORIES);
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        File out = dir.resolve("stdout.txt").toFile();
        File err = dir.resolve("stderr.txt").toFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("praxis.log");
        Path logback = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%logger %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="dev.praxis.llm.local.llama" level="DEBUG"/>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(log));
        List<String> command = new ArrayList<>(List.of(java, "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp,
                // the application's logging goes to a file, so any output is the library's or llama.cpp's own
                "-Dlogback.configurationFile=" + logback));
        command.addAll(nativeAccess(Runtime.version().feature()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), QuietLoadMain.class.getName(),
                model.toString()));
        Process child = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(err)
                .start();

        boolean exited = child.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }

        assertThat(exited).as("the child JVM exited").isTrue();
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(out.toPath(), StandardCharsets.UTF_8)).as("standard output").isEmpty();
        assertThat(stderr).as("standard error").isEmpty();
        assertThat(Files.readString(log)).as("llama.cpp's log, through SLF4J").contains("dev.praxis.llm.local.llama");
        Path natives = home.resolve(".cache/praxis/natives");
        try (Stream<Path> files = Files.walk(natives); Stream<Path> shared = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("jllama")).toList()).hasSize(1);
            assertThat(shared.filter(p -> p.getFileName().toString().contains("jllama")).toList()).isEmpty();
        }
        try (Stream<Path> folders = Files.list(natives)) {
            Path folder = folders.findFirst().orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
    }
}
