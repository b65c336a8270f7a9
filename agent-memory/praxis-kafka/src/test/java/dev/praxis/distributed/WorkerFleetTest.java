package dev.praxis.distributed;

import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three worker JVMs against a real in-process Kafka broker (KRaft, loopback), sharing SQLite
 * files for checkpoints and for the shop's side effects: a batch of runs spread over every
 * partition completes exactly once, and a worker killed with {@code destroyForcibly} in the
 * middle of the next batch loses no run and repeats no side effect.
 *
 * <p>The batches are as small as still proves that: every partition (and so every worker) gets
 * runs, and the killed worker has runs in flight that others must finish. Waits are on events
 * and outcomes with generous limits that only a broken fleet reaches, so a loaded machine makes
 * the test slower, never red.
 */
class WorkerFleetTest {

    private static final int PARTITIONS = 6;
    /** How long a batch may take before the test gives up: far beyond a loaded machine's worst. */
    private static final Duration BATCH_LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path tempDir;
    private Path dir;

    /**
     * The shared databases go to tmpfs when there is one: the tests kill processes, not the
     * machine, and the page cache outlives a process, so fsync buys nothing here but time.
     */
    @BeforeEach
    void databases() throws IOException {
        Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "praxis-fleet-")
                : tempDir;
    }

    @AfterEach
    void removeDatabases() throws IOException {
        if (!dir.equals(tempDir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * One fleet for both proofs, so the test pays for three worker JVMs and one settling of the
     * consumer group, not six and two: first a batch with every worker alive, then a batch during
     * which one worker is killed.
     */
    @Test
    void batchesCompleteExactlyOnceEvenWhenAWorkerIsKilledMidRun() throws Exception {
        Topics topics = topics();
        try (Fleet fleet = Fleet.start(3, topics, dir, 8, 50);
             RunClient client = RunClient.connect(KafkaBroker.bootstrapServers(), topics)) {
            List<String> first = aBatchOnThreeWorkersCompletesExactlyOnce(topics, client);
            List<String> second = aWorkerKilledMidRunLosesNoRunAndRepeatsNoSideEffect(fleet, client, first);

            List<String> all = new ArrayList<>(first);
            all.addAll(second);
            assertEachEffectOnce(all, "effects");
            assertEndedOnce(all);
        }
    }

    private List<String> aBatchOnThreeWorkersCompletesExactlyOnce(Topics topics, RunClient client) {
        List<String> runIds = submit(client, 0, 90);

        Map<String, RunOutcome> outcomes = awaitAll(client, runIds, BATCH_LIMIT);

        assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.COMPLETED));
        assertThat(outcomes.values().stream().map(RunOutcome::worker).collect(Collectors.toSet()))
                .as("every worker served runs").containsExactlyInAnyOrder("w1", "w2", "w3");
        assertEachEffectOnce(runIds, "attempts");
        assertEachEffectOnce(runIds, "effects");
        assertEndedOnce(runIds);
        List<RunOutcome> published = TopicRecords.read(topics.results(), runIds.size(), Duration.ofSeconds(30))
                .stream().map(Wire::outcome).toList();
        assertThat(published).as("one outcome per run on the results topic").hasSize(runIds.size());
        assertThat(published.stream().map(RunOutcome::runId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(runIds);
        return runIds;
    }

    private List<String> aWorkerKilledMidRunLosesNoRunAndRepeatsNoSideEffect(Fleet fleet, RunClient client,
                                                                             List<String> earlier) throws Exception {
        String victim = "w" + (1 + (int) (Math.random() * 3));
        Map<String, String> startedBy = new ConcurrentHashMap<>();
        Set<String> runningOnVictim = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> victimBusy = new CompletableFuture<>();
        Set<String> before = Set.copyOf(earlier);
        try (AutoCloseable events = client.subscribe(e -> {
            if (before.contains(e.runId())) {
                return;
            }
            if (e.type().equals("RunStarted")) {
                startedBy.putIfAbsent(e.runId(), e.worker());
                if (e.worker().equals(victim)) {
                    runningOnVictim.add(e.runId());
                }
            } else if (e.type().equals("Completed") || e.type().equals("Stopped")) {
                runningOnVictim.remove(e.runId());
            }
            if (runningOnVictim.size() >= 3) {
                victimBusy.complete(null);
            }
        })) {
            List<String> runIds = submit(client, earlier.size(), 120);
            victimBusy.get(BATCH_LIMIT.toSeconds(), TimeUnit.SECONDS);
            fleet.kill(Integer.parseInt(victim.substring(1)) - 1);

            Map<String, RunOutcome> outcomes = awaitAll(client, runIds, BATCH_LIMIT);

            assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.status()).isEqualTo(Status.COMPLETED));
            assertThat(startedBy.entrySet().stream().filter(e -> e.getValue().equals(victim))
                    .filter(e -> !outcomes.get(e.getKey()).worker().equals(victim)))
                    .as("runs the killed worker " + victim + " started that other workers finished").isNotEmpty();
            return runIds;
        }
    }

    private static Topics topics() {
        Topics topics = Topics.named("fleet-" + UUID.randomUUID().toString().substring(0, 8));
        KafkaBroker.createTopics(topics, PARTITIONS);
        return topics;
    }

    /** Submits runs {@code from} to {@code from + runs - 1}, each in a session of its own. */
    private static List<String> submit(RunClient client, int from, int runs) {
        List<CompletableFuture<String>> sent = new ArrayList<>();
        for (int i = from; i < from + runs; i++) {
            sent.add(client.submitAsync(new RunRequest("shop", MemoryScope.of("user-" + (i % 50),
                    "session-" + i), "order " + i)));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static Map<String, RunOutcome> awaitAll(RunClient client, List<String> runIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, RunOutcome> outcomes = new HashMap<>();
        for (String runId : runIds) {
            outcomes.put(runId, client.await(runId, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        return outcomes;
    }

    private void assertEachEffectOnce(List<String> runIds, String table) {
        Map<String, Integer> counts = Shop.counts(dir.resolve("shop.db"), table);
        for (String runId : runIds) {
            for (String effect : Shop.EFFECTS) {
                assertThat(counts.get(runId + "/" + effect)).as(table + " of " + effect + " in run " + runId)
                        .isEqualTo(1);
            }
        }
        assertThat(counts).as(table + " rows belong to these runs only").hasSize(runIds.size() * Shop.EFFECTS.size());
    }

    private void assertEndedOnce(List<String> runIds) {
        try (JdbcStore file = SqliteStore.open(dir.resolve("runs.db"))) {
            var store = file.checkpoints();
            assertThat(store.runIds(RunState.Phase.RUNNING)).isEmpty();
            assertThat(store.runIds(RunState.Phase.ENDED)).containsExactlyInAnyOrderElementsOf(runIds);
            assertThat(runIds).allSatisfy(id -> assertThat(store.load(id).orElseThrow().outcome())
                    .isEqualTo("COMPLETED"));
        }
    }
}
