package dev.praxis.observe;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenTelemetry and Micrometer are optional: a run works in a JVM without them. (That no class
 * outside their bridges refers to them is checked by {@code ArchitectureTest}.)
 */
class OptionalDependenciesTest {

    @Test
    void guardedAuditedRunWorksWithoutEitherLibrary() throws Exception {
        String full = System.getProperty("java.class.path");
        assertThat(full).contains("opentelemetry-api", "micrometer-core");
        String classPath = Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.contains("opentelemetry") && !entry.contains("micrometer"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).contains("classes");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp", classPath,
                "-Dlogback.configurationFile=none", WithoutOptionalDependencies.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("status=COMPLETED audit=true otel=false micrometer=false");
    }
}
