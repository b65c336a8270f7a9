package dev.praxis.distributed;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.content.Parts;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.tool.ApprovalDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Run payloads sealed with per-person keys on a real in-process Kafka broker: no content in any
 * topic's bytes, readable with the key, and crypto-shredded for one person by deleting theirs.
 */
class PayloadKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MARKER = "MARKER-6d1e-iban-DE89370400440532013000";

    @TempDir
    Path dir;
    private Topics topics;
    private KafkaWorker worker;
    private RunClient client;
    private JdbcStore checkpointFile;
    private final PayloadKeys keys = PayloadKeys.inMemory();

    @BeforeEach
    void start() {
        topics = Topics.named("k-" + UUID.randomUUID().toString().substring(0, 8));
        KafkaBroker.createTopics(topics, 2);
        checkpointFile = SqliteStore.open(dir.resolve("runs.db"));
        CheckpointStore store = checkpointFile.checkpoints();
        KafkaWorker.Builder builder = KafkaWorker.builder().bootstrapServers(KafkaBroker.bootstrapServers())
                .topics(topics).group(topics.requests() + "-workers").checkpoints(store).workerId("w1")
                .payloadKeys(keys);
        Shop.agents(dir.resolve("shop.db"), 1).forEach(builder::agent);
        builder.agent(LlmAgent.builder().name("looker").llm(PayloadKeysTest::describeWhatItSees).build());
        worker = builder.start();
        client = RunClient.connect(KafkaBroker.bootstrapServers(), topics, Map.of(), keys);
    }

    @AfterEach
    void stop() {
        worker.close();
        client.close();
        checkpointFile.close();
    }

    private static boolean anyContains(List<byte[]> records, String text) {
        return records.stream().anyMatch(r -> new String(r, StandardCharsets.UTF_8).contains(text));
    }

    @Test
    void noTopicHoldsTheContentAndShreddingOnePersonsKeyMakesOnlyTheirsUnreadable() {
        String alices = client.submit(new RunRequest("shop", MemoryScope.of("alice", "s1"), "order " + MARKER));
        String bobs = client.submit(new RunRequest("shop-approval", MemoryScope.of("bob", "s2"), "order for bob"));
        RunOutcome alice = client.await(alices, WAIT);
        RunOutcome paused = client.await(bobs, WAIT);
        client.decide(paused, ApprovalDecision.deny("not today " + MARKER));
        RunOutcome bob = client.await(bobs, WAIT);

        assertThat(alice.output()).isEqualTo("order placed: order " + MARKER);      // opened with the key
        assertThat(paused.pending()).singleElement().satisfies(p -> assertThat(p.question()).isNotBlank());
        assertThat(bob.status()).isEqualTo(Status.COMPLETED);
        List<byte[]> requests = TopicRecords.read(topics.requests(), 3, WAIT);
        List<byte[]> results = TopicRecords.read(topics.results(), 3, WAIT);
        List<byte[]> events = TopicRecords.read(topics.events(), 1, WAIT);
        for (List<byte[]> topic : List.of(requests, results, events)) {
            assertThat(anyContains(topic, "MARKER-6d1e")).isFalse();
            assertThat(anyContains(topic, "DE89370400440532013000")).isFalse();
            assertThat(anyContains(topic, "order for bob")).isFalse();
        }

        keys.shred(Owner.of("alice"));

        byte[] aliceResult = results.stream().filter(r -> new String(r, StandardCharsets.UTF_8).contains(alices))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> Wire.outcome(aliceResult, keys)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not available here");
        assertThat(requests.stream().filter(r -> new String(r, StandardCharsets.UTF_8).contains(alices)))
                .allSatisfy(r -> assertThatThrownBy(() -> Wire.command(r, keys))
                        .isInstanceOf(MalformedRecordException.class));
        assertThat(results.stream().filter(r -> new String(r, StandardCharsets.UTF_8).contains(bobs))
                .map(r -> Wire.outcome(r, keys).output())).contains("order not charged: charge was denied");
    }

    @Test
    void attachmentsReachTheWorkersModelSealedWithTheRestOfTheContent() {
        byte[] photo = ("PNG " + MARKER).getBytes(StandardCharsets.UTF_8);
        ImageContent image = ImageContent.from(Base64.getEncoder().encodeToString(photo), "image/png");
        EmbeddedResource note = EmbeddedResource.text("file:///note.md", "text/markdown", "note " + MARKER);
        ImageContent linked = ImageContent.from(URI.create("https://example.com/rash.jpg"));

        String runId = client.submit(new RunRequest("looker", MemoryScope.of("dana", "s4"), "what is this?")
                .attach(image, note, linked));
        RunOutcome outcome = client.await(runId, WAIT);

        assertThat(outcome.status()).isEqualTo(Status.COMPLETED);
        assertThat(outcome.output()).isEqualTo(String.join("\n", "what is this?", Parts.describe(image),
                "[resource file:///note.md (text/markdown)]", "note " + MARKER, Parts.describe(linked)));
        List<byte[]> requests = TopicRecords.read(topics.requests(), 1, WAIT);
        assertThat(anyContains(requests, Base64.getEncoder().encodeToString(photo))).isFalse();
        assertThat(anyContains(requests, "MARKER-6d1e")).isFalse();
        assertThat(anyContains(requests, "rash.jpg")).isFalse();
    }

    @Test
    void attachmentsOverTheRecordLimitAreRefusedBeforeSending() {
        byte[] big = new byte[(int) Attachments.MAX_INLINE_BYTES + 1];
        RunRequest request = new RunRequest("looker", MemoryScope.of("dana", "s5"), "look")
                .attach(ImageContent.from(Base64.getEncoder().encodeToString(big), "image/png"));

        assertThatThrownBy(() -> client.submit(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + Attachments.MAX_INLINE_BYTES).hasMessageContaining("by URL");
    }

    /** A model that answers with what the user message held: its text and a line per attached part. */
    private static ChatResponse describeWhatItSees(ChatRequest request) {
        UserMessage user = (UserMessage) request.messages().stream().filter(UserMessage.class::isInstance)
                .reduce((first, second) -> second).orElseThrow();
        return ChatResponse.builder().aiMessage(AiMessage.from(Parts.text(user.contents()))).build();
    }

    @Test
    void aRunOfAShreddedPersonIsDeadLetteredNotRun() {
        keys.cipher(Owner.of("carol"), true);
        byte[] sealed = Wire.start("r-carol", new RunRequest("shop", MemoryScope.of("carol", "s3"), "order 3"), keys);
        keys.shred(Owner.of("carol"));

        assertThatThrownBy(() -> Wire.command(sealed, keys)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("carol");
        assertThatThrownBy(() -> Wire.command(sealed, PayloadKeys.NONE)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("no PayloadKeys configured");
    }
}
