package dev.praxis.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** A second JVM running {@link FirstOpen#main}; one open at a time. */
public final class SecondJvm implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;

    private SecondJvm(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static SecondJvm start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dai.djl.offline=true", FirstOpen.class.getName());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        SecondJvm jvm = new SecondJvm(builder.start());
        String first = jvm.answers.readLine();
        if (!"ready".equals(first)) {
            jvm.close();
            throw new IOException("the second JVM did not start: " + first);
        }
        return jvm;
    }

    /** Sends the open the moment {@code go} opens; completes with the answer. */
    public CompletableFuture<String> openWhen(CountDownLatch go, String kind, String location) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
                commands.println(kind + " " + location);
                String answer = answers.readLine();
                return answer == null ? "the second JVM exited" : answer;
            } catch (IOException | InterruptedException e) {
                return "no answer: " + e;
            }
        });
    }

    @Override
    public void close() {
        commands.close();
        process.destroy();
    }
}
