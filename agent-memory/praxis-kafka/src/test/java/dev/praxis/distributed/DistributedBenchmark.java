package dev.praxis.distributed;

import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of distributed runs (issue 12): runs per second through 1, 2 and 3 worker JVMs
 * against the in-process broker, with the shop agent's scripted model at a simulated latency
 * per model call (two calls and two side-effecting tool calls per run). Runs only with
 * {@code -Dpraxis.bench=true} (see bench/distributed/run.sh); never part of the unit tests.
 *
 * <p>Properties: {@code bench.runs} (measured runs per fleet, default 1000), {@code bench.latency}
 * (ms per model call, 20), {@code bench.inflight} (max in-flight per worker, 16),
 * {@code bench.dir} (where the shared SQLite files go, default a temp dir under /dev/shm),
 * {@code bench.out} (markdown table to write).
 */
@EnabledIfSystemProperty(named = "praxis.bench", matches = "true")
class DistributedBenchmark {

    @Test
    void runsPerSecondForOneTwoAndThreeWorkers() throws Exception {
        int runs = Integer.getInteger("bench.runs", 1000);
        long latency = Long.getLong("bench.latency", 20);
        int inFlight = Integer.getInteger("bench.inflight", 16);
        Path base = Path.of(System.getProperty("bench.dir", "/dev/shm"));
        StringBuilder table = new StringBuilder("| workers | runs | seconds | runs/s | load before | load after |\n"
                + "|---|---|---|---|---|---|\n");
        for (int workers = 1; workers <= 3; workers++) {
            Path dir = Files.createTempDirectory(base, "praxis-bench-");
            Topics topics = Topics.named("bench-" + UUID.randomUUID().toString().substring(0, 8));
            KafkaBroker.createTopics(topics, 6);
            String loadBefore = load();
            try (Fleet fleet = Fleet.start(workers, topics, dir, inFlight, latency);
                 RunClient client = RunClient.connect(KafkaBroker.bootstrapServers(), topics)) {
                awaitAll(client, submit(client, 100)); // warm-up: JIT, connections, group settled
                Instant start = Instant.now();
                List<RunOutcome> outcomes = awaitAll(client, submit(client, runs));
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.COMPLETED));
                table.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %s | %s |%n", workers, runs, seconds,
                        runs / seconds, loadBefore, load()));
                System.out.println(table);
            }
        }
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
        }
    }

    private static List<String> submit(RunClient client, int runs) {
        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            sent.add(client.submitAsync(new RunRequest("shop", MemoryScope.of("user-" + (i % 100),
                    "session-" + i), "order " + i)));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static List<RunOutcome> awaitAll(RunClient client, List<String> runIds) {
        return runIds.stream().map(id -> client.await(id, Duration.ofMinutes(5))).toList();
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
