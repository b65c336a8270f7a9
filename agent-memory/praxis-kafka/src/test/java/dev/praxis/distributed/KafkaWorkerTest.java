package dev.praxis.distributed;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.tool.ApprovalDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One or two workers in this JVM against a real in-process Kafka broker (KRaft, loopback), with
 * checkpoints and the shop's effects in SQLite files: the end-to-end path, approvals that
 * resume on another worker, and every kind of bad request ending in the dead-letter topic.
 */
class KafkaWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Topics topics;
    private JdbcStore checkpointFile;
    private CheckpointStore store;
    private final List<KafkaWorker> workers = new ArrayList<>();
    private RunClient client;

    @BeforeEach
    void topics() {
        topics = Topics.named("t-" + UUID.randomUUID().toString().substring(0, 8));
        KafkaBroker.createTopics(topics, 2);
        checkpointFile = SqliteStore.open(dir.resolve("runs.db"));
        store = checkpointFile.checkpoints();
        client = RunClient.connect(KafkaBroker.bootstrapServers(), topics);
    }

    @AfterEach
    void stop() {
        workers.forEach(KafkaWorker::close);
        client.close();
        checkpointFile.close();
    }

    private KafkaWorker worker(String id) {
        return worker(id, 4, Shop.agents(dir.resolve("shop.db"), 1));
    }

    private KafkaWorker worker(String id, int maxInFlight, List<LlmAgent> agents) {
        KafkaWorker.Builder builder = KafkaWorker.builder().bootstrapServers(KafkaBroker.bootstrapServers())
                .topics(topics).group(topics.requests() + "-workers").checkpoints(store).workerId(id)
                .maxInFlight(maxInFlight).maxAttempts(3);
        agents.forEach(builder::agent);
        KafkaWorker worker = builder.start();
        workers.add(worker);
        return worker;
    }

    @Test
    void runsARequestEndToEndWithEventsCheckpointsAndOneEffectEach() throws Exception {
        worker("w1");
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        client.subscribe(events::add);

        String runId = client.submit(new RunRequest("shop", MemoryScope.of("alice", "s1"), "order 1"));
        RunOutcome outcome = client.await(runId, WAIT);

        assertThat(outcome.status()).isEqualTo(Status.COMPLETED);
        assertThat(outcome.output()).isEqualTo("order placed: order 1");
        assertThat(outcome.worker()).isEqualTo("w1");
        assertThat(outcome.steps()).isEqualTo(2);
        assertThat(outcome.session()).isEqualTo(MemoryScope.of("alice", "s1").key());
        assertThat(store.load(runId).orElseThrow().phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(Shop.counts(dir.resolve("shop.db"), "effects"))
                .containsEntry(runId + "/reserve", 1).containsEntry(runId + "/charge", 1);
        assertThat(untilCompleted(events, runId)).extracting(RunEvent::type)
                .startsWith("RunStarted").contains("ModelCalled", "ToolStarted", "ToolFinished").endsWith("Completed");
    }

    @Test
    void anApprovalPausesTheRunAndAnotherWorkerResumesItWithTheDecision() {
        KafkaWorker first = worker("w1");
        String runId = client.submit(new RunRequest("shop-approval", MemoryScope.of("bob", "s2"), "order 2"));
        RunOutcome paused = client.await(runId, WAIT);
        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(paused.pending()).singleElement().satisfies(p -> assertThat(p.tool()).isEqualTo("charge"));
        first.close();
        workers.remove(first);
        worker("w2");

        client.decide(paused, ApprovalDecision.allow());
        RunOutcome done = client.await(runId, WAIT);

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.worker()).isEqualTo("w2");
        assertThat(Shop.counts(dir.resolve("shop.db"), "effects"))
                .containsEntry(runId + "/reserve", 1).containsEntry(runId + "/charge", 1);
        assertThatThrownBy(() -> client.decide(done, ApprovalDecision.allow())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not AWAITING_APPROVAL");
    }

    @Test
    void aRunThatAlwaysCrashesIsDeadLetteredWithTheReasonAfterMaxAttempts() {
        worker("w1");
        String runId = client.submit(new RunRequest("shop", MemoryScope.of("carol", "s3"), "POISON order"));

        RunOutcome outcome = client.await(runId, WAIT);

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.reason()).startsWith("dead-lettered: run failed 3 attempt(s)")
                .contains("Crash: the model adapter cannot handle this input");
        DeadLetter letter = Wire.deadLetter(TopicRecords.read(topics.deadLetters(), 1, WAIT).get(0));
        assertThat(letter.runId()).isEqualTo(runId);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.reason()).contains("Crash: the model adapter cannot handle this input");
        assertThat(letter.value()).contains("POISON order");
        assertThat(store.load(runId).orElseThrow().phase()).isEqualTo(RunState.Phase.ENDED);
    }

    @Test
    void malformedRecordsAndUnknownAgentsAreDeadLetteredAndTheWorkerCarriesOn() throws Exception {
        worker("w1");
        TopicRecords.send(topics.requests(), "k", "not json".getBytes(StandardCharsets.UTF_8));
        TopicRecords.send(topics.requests(), "k", "{\"format\":1,\"type\":\"start\",\"runId\":\"r1\"}"
                .getBytes(StandardCharsets.UTF_8));
        TopicRecords.send(topics.requests(), "k", null);
        String unknown = client.submit(new RunRequest("no-such-agent", MemoryScope.of("dave", "s4"), "hi"));

        RunOutcome rejected = client.await(unknown, WAIT);
        String runId = client.submit(new RunRequest("shop", MemoryScope.of("dave", "s4"), "order 4"));

        assertThat(rejected.status()).isEqualTo(Status.FAILED);
        assertThat(rejected.reason()).isEqualTo("unknown agent 'no-such-agent'; this worker serves [shop, shop-approval]");
        assertThat(client.await(runId, WAIT).status()).isEqualTo(Status.COMPLETED);
        List<String> reasons = TopicRecords.read(topics.deadLetters(), 4, WAIT).stream()
                .map(v -> Wire.deadLetter(v).reason()).toList();
        assertThat(reasons).hasSize(4);
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("malformed record: the record is not JSON"))
                .anySatisfy(r -> assertThat(r).isEqualTo("malformed record: field 'agent' must be a string, got nothing"))
                .anySatisfy(r -> assertThat(r).isEqualTo("malformed record: the record has no value (a tombstone?)"))
                .anySatisfy(r -> assertThat(r).startsWith("unknown agent 'no-such-agent'"));
    }

    @Test
    void aRunPickedUpTooOftenWithoutFinishingIsDeadLetteredNotRunAgain() throws Exception {
        RunRequest request = new RunRequest("shop", MemoryScope.of("frank", "s6"), "order 6");
        LlmAgent dying = LlmAgent.builder().name("shop").checkpoints(store).llm(r -> {
            throw new Shop.Crash("the JVM would be gone here");
        }).build();
        assertThatThrownBy(() -> dying.run(request.toAgentRequest("crashy-1"))).isInstanceOf(Shop.Crash.class);
        RunState left = store.load("crashy-1").orElseThrow();
        store.save(Pickups.with(left, 5, left.version() + 1)); // as if five workers had died holding it
        worker("w1");
        var outcome = client.outcome("crashy-1");

        TopicRecords.send(topics.requests(), request.session().key(), Wire.start("crashy-1", request));

        assertThat(outcome.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).reason())
                .isEqualTo("dead-lettered: picked up 5 times without finishing: every worker that held it died or lost"
                        + " it (does the run crash its JVM?)");
        DeadLetter letter = Wire.deadLetter(TopicRecords.read(topics.deadLetters(), 1, WAIT).get(0));
        assertThat(letter.runId()).isEqualTo("crashy-1");
        assertThat(letter.attempts()).isEqualTo(5);
        assertThat(store.load("crashy-1").orElseThrow().phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(Shop.counts(dir.resolve("shop.db"), "attempts")).isEmpty();
    }

    @Test
    void aWorkerRunsAtMostMaxInFlightRunsAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // the first two runs wait for each other, so the worker must hold two at once; a third never gets in
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        LlmAgent slow = LlmAgent.builder().name("slow").llm(request -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoAtOnce.countDown();
            try {
                twoAtOnce.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return ChatResponse.builder().aiMessage(AiMessage.from("done")).build();
        }).build();
        worker("w1", 2, List.of(slow));

        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runIds.add(client.submit(new RunRequest("slow", MemoryScope.of("erin", "s" + i), "go")));
        }

        assertThat(runIds).allSatisfy(id -> assertThat(client.await(id, WAIT).status()).isEqualTo(Status.COMPLETED));
        assertThat(most.get()).isEqualTo(2);
    }

    /** The events of {@code runId} as they arrive, up to its {@code Completed}. */
    private static List<RunEvent> untilCompleted(BlockingQueue<RunEvent> events, String runId)
            throws InterruptedException {
        List<RunEvent> ofRun = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            RunEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(event).as("run " + runId + "'s Completed event within " + WAIT).isNotNull();
            if (event.runId().equals(runId)) {
                ofRun.add(event);
                if (event.type().equals("Completed")) {
                    return ofRun;
                }
            }
        }
    }
}
