package dev.praxis.store;

import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Opens a store that migrates its schema, for the concurrent-first-open tests: in the test's own
 * JVM from several threads, and as the {@link #main} of a second JVM the test starts, which opens
 * one store per line it reads ({@code kind location}) and answers {@code ok} or {@code error ...}.
 */
public final class FirstOpen {

    private FirstOpen() {
    }

    /** Opens and closes the store {@code kind} ({@code sqlite}, {@code postgres}) at {@code location}. */
    public static void open(String kind, String location) {
        switch (kind) {
            case "sqlite" -> {
                try (JdbcStore store = SqliteStore.open(Path.of(location))) {
                    store.vectors().count("knowledge");
                    store.trajectories().find("none");
                }
            }
            case "postgres" -> {
                try (JdbcStore store = postgres(location)) {
                    store.vectors().count("knowledge");
                    store.trajectories().find("none");
                }
            }
            default -> throw new IllegalArgumentException("unknown store kind " + kind);
        }
    }

    // PostgresStore lives in praxis-postgres, whose tests use this helper; agent-memory's own tests never ask for it
    private static JdbcStore postgres(String url) {
        try {
            return (JdbcStore) Class.forName("dev.praxis.store.postgres.PostgresStore")
                    .getMethod("openPortable", String.class, String.class, String.class, int.class)
                    .invoke(null, url, "postgres", "", 2);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PostgresStore (praxis-postgres) is not on the class path", e);
        }
    }

    /**
     * Opens the store from {@code threads} threads released together; returns the failures
     * (empty when every open succeeded).
     */
    public static List<Throwable> fromThreads(String kind, String location, int threads, CountDownLatch go)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            List<Future<?>> opens = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                opens.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    open(kind, location);
                    return null;
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> f : opens) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            return failures;
        } finally {
            pool.shutdown();
        }
    }

    /** The second process: warms up on a scratch store, says {@code ready}, then opens what each line names. */
    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("praxis-first-open");
        open("sqlite", scratch.resolve("warm.db").toString());
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] parts = line.split(" ", 2);
            try {
                open(parts[0], parts[1]);
                System.out.println("ok");
            } catch (RuntimeException e) {
                System.out.println("error " + e.toString().replace('\n', ' '));
            }
            System.out.flush();
        }
    }
}
