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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cold start (a new JVM until the first answer is printed) and the runtime classpath of each
 * library. Each child JVM gets only its library's runtime classpath plus the bench classes.
 * Per library: the median wall time to the answer, the median CPU time (user + sys, every
 * thread, as the child reports it right after the answer) and the classes loaded until the
 * answer, by where they came from ({@code -Xlog:class+load} in one extra start).
 *
 * <p>On its own ({@code bench/run.sh --cold-only}): {@code ColdStartHarness OUT.md REPEATS} with
 * the system properties {@code bench.classes}, {@code bench.cp.praxis}, {@code bench.cp.langchain4j}.
 */
final class ColdStartHarness {

    private static final String CPU_LINE = "cpu-ms ";
    private final String java;
    private final Path benchClasses;
    private final int repeats;

    ColdStartHarness(String java, Path benchClasses, int repeats) {
        this.java = java;
        this.benchClasses = benchClasses;
        this.repeats = repeats;
    }

    /** Measures both libraries once each, then {@code REPEATS} alternating starts, and writes a table. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ColdStartHarness OUT.md REPEATS");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Object> out = new LinkedHashMap<>();
        new ColdStartHarness(java, Path.of(System.getProperty("bench.classes")), Integer.parseInt(args[1]))
                .measure(System.getProperty("bench.cp.praxis"), System.getProperty("bench.cp.langchain4j"), out);
        String table = table(out);
        Files.writeString(Path.of(args[0]), table);
        System.out.print(table);
    }

    /** Measures both libraries, alternating, and adds median start times, CPU, classes and classpath sizes. */
    void measure(String praxisClasspath, String langchain4jClasspath, Map<String, Object> out) throws IOException {
        classpath("praxis", praxisClasspath, out);
        classpath("langchain4j", langchain4jClasspath, out);
        classes("praxis", ColdStartPraxis.class, praxisClasspath, out);
        classes("langchain4j", ColdStartLangChain4j.class, langchain4jClasspath, out);
        long[][] praxis = new long[2][repeats];
        long[][] langchain4j = new long[2][repeats];
        for (int i = 0; i < repeats; i++) {
            long[] p = start(ColdStartPraxis.class, praxisClasspath, List.of());
            long[] l = start(ColdStartLangChain4j.class, langchain4jClasspath, List.of());
            for (int k = 0; k < 2; k++) {
                praxis[k][i] = p[k];
                langchain4j[k][i] = l[k];
            }
        }
        out.put("cold.praxis.ms", median(praxis[0]));
        out.put("cold.langchain4j.ms", median(langchain4j[0]));
        out.put("cold.praxis.cpu.ms", median(praxis[1]));
        out.put("cold.langchain4j.cpu.ms", median(langchain4j[1]));
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

    /** One start (also the warm-up of the file cache) that logs every class loaded, counted by source. */
    private void classes(String name, Class<?> main, String classpath, Map<String, Object> out) throws IOException {
        Path log = Files.createTempFile("cold-" + name, ".log");
        try {
            start(main, classpath, List.of("-Xlog:class+load=info:file=" + log));
            Map<String, Integer> bySource = new TreeMap<>();
            int total = 0;
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf(" source: ");
                if (line.contains("[class,load]") && at > 0) {
                    bySource.merge(source(line.substring(at + 9)), 1, Integer::sum);
                    total++;
                }
            }
            Map<String, Integer> sorted = bySource.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
            out.put("cold." + name + ".classes", total);
            out.put("cold." + name + ".classes.bySource", sorted);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A jar's file name, "JDK (CDS archive)", "JDK (java.base)", or "generated" for lambdas and proxies. */
    private static String source(String source) {
        if (source.startsWith("shared objects file")) {
            return "JDK (CDS archive)";
        }
        if (source.startsWith("jrt:/")) {
            return "JDK (" + source.substring(5) + ")";
        }
        if (source.startsWith("file:")) {
            String file = source.endsWith("/") ? "bench classes" : source.substring(source.lastIndexOf('/') + 1);
            return file.replaceAll("-[0-9][0-9A-Za-z.\\-]*\\.jar$", ".jar");
        }
        return "generated (lambdas, proxies)";
    }

    /** Milliseconds from starting the JVM to reading the answer, and the child's CPU milliseconds then. */
    private long[] start(Class<?> main, String classpath, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", benchClasses + File.pathSeparator + classpath, main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        long begin = System.nanoTime();
        Process process = builder.start();
        String answer;
        String cpu;
        long elapsed;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            answer = reader.readLine();
            elapsed = System.nanoTime() - begin;
            cpu = reader.readLine();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(main.getSimpleName() + " did not exit cleanly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Checks.answered(main.getSimpleName(), answer);
        if (cpu == null || !cpu.startsWith(CPU_LINE)) {
            throw new IllegalStateException(main.getSimpleName() + " did not report its CPU time: " + cpu);
        }
        return new long[] {TimeUnit.NANOSECONDS.toMillis(elapsed), Long.parseLong(cpu.substring(CPU_LINE.length()))};
    }

    /** The line a cold-start main prints after its answer: the CPU time its process has used so far. */
    static String cpuLine() {
        return CPU_LINE + ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @SuppressWarnings("unchecked")
    private static String table(Map<String, Object> out) {
        StringBuilder text = new StringBuilder();
        text.append("Cold start, median of ").append(out.get("cold.repeats")).append(" alternating starts each\n\n");
        text.append("| | Praxis | LangChain4j | ratio |\n|---|---|---|---|\n");
        row(text, "JVM start → first answer (ms)", out.get("cold.praxis.ms"), out.get("cold.langchain4j.ms"));
        row(text, "CPU until the answer (ms, user + sys)", out.get("cold.praxis.cpu.ms"),
                out.get("cold.langchain4j.cpu.ms"));
        row(text, "classes loaded", out.get("cold.praxis.classes"), out.get("cold.langchain4j.classes"));
        row(text, "runtime classpath (bytes)", out.get("classpath.praxis.bytes"), out.get("classpath.langchain4j.bytes"));
        for (String name : List.of("praxis", "langchain4j")) {
            text.append("\nClasses loaded by source, ").append(name).append(": ")
                    .append(((Map<String, Integer>) out.get("cold." + name + ".classes.bySource")).entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String name, Object praxis, Object langchain4j) {
        double p = ((Number) praxis).doubleValue();
        double l = ((Number) langchain4j).doubleValue();
        text.append(String.format("| %s | %.0f | %.0f | %.2f |%n", name, p, l, p / l));
    }
}
