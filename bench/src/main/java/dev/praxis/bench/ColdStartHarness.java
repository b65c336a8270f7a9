package dev.praxis.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start (a new JVM until the first answer is printed) and the runtime classpath of each
 * library. Each child JVM gets only its library's runtime classpath plus the bench classes.
 */
final class ColdStartHarness {

    private final String java;
    private final Path benchClasses;
    private final int repeats;

    ColdStartHarness(String java, Path benchClasses, int repeats) {
        this.java = java;
        this.benchClasses = benchClasses;
        this.repeats = repeats;
    }

    /** Measures both libraries, alternating, and adds median start times and classpath sizes. */
    void measure(String praxisClasspath, String langchain4jClasspath, Map<String, Object> out) throws IOException {
        classpath("praxis", praxisClasspath, out);
        classpath("langchain4j", langchain4jClasspath, out);
        long[] praxis = new long[repeats];
        long[] langchain4j = new long[repeats];
        start(ColdStartPraxis.class, praxisClasspath);
        start(ColdStartLangChain4j.class, langchain4jClasspath);
        for (int i = 0; i < repeats; i++) {
            praxis[i] = start(ColdStartPraxis.class, praxisClasspath);
            langchain4j[i] = start(ColdStartLangChain4j.class, langchain4jClasspath);
        }
        out.put("cold.praxis.ms", median(praxis));
        out.put("cold.langchain4j.ms", median(langchain4j));
        out.put("cold.repeats", repeats);
    }

    private static void classpath(String name, String classpath, Map<String, Object> out) throws IOException {
        long bytes = 0;
        int jars = 0;
        List<String> names = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                bytes += Files.size(path);
                jars++;
                names.add(path.getFileName().toString());
            }
        }
        out.put("classpath." + name + ".bytes", bytes);
        out.put("classpath." + name + ".jars", jars);
        out.put("classpath." + name + ".names", names);
    }

    /** Milliseconds from starting the JVM to reading the scripted answer from it. */
    private long start(Class<?> main, String classpath) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", benchClasses + File.pathSeparator + classpath,
                main.getName()).redirectError(ProcessBuilder.Redirect.DISCARD);
        long begin = System.nanoTime();
        Process process = builder.start();
        String line;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            line = reader.readLine();
        }
        long elapsed = System.nanoTime() - begin;
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(main.getSimpleName() + " did not exit cleanly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Checks.answered(main.getSimpleName(), line);
        return TimeUnit.NANOSECONDS.toMillis(elapsed);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
