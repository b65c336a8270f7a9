package dev.praxis.testing.contract;

import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.memory.Chunker;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.Experience;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link VectorStore} must have, exercised directly and through
 * {@link EmbeddingKnowledgeStore} and {@link EmbeddingExperienceStore}. Each store's test extends
 * it and supplies a fresh, empty store; the store is closed after each test.
 */
public abstract class VectorStoreContract {

    /** The collection name the knowledge tests use. */
    protected static final String KNOWLEDGE = "knowledge";
    /** Alice's session scope; {@link #BOB} shares her tenant, agent and session name. */
    protected static final MemoryScope ALICE = new MemoryScope("acme", "alice", "helper", "s1");
    /** Bob's session scope, which must never see Alice's records. */
    protected static final MemoryScope BOB = new MemoryScope("acme", "bob", "helper", "s1");
    /** The time every query and record of the suite is at. */
    protected static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** The store under test, created fresh for each test by {@link #createStore()}. */
    protected VectorStore store;

    /** A new, empty store. */
    protected abstract VectorStore createStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A record of chunk {@code chunk} of document {@code doc} in {@code scope}, embedded by hashing. */
    protected static VectorRecord record(MemoryScope scope, String doc, int chunk, String text) {
        return new VectorRecord(scope.key() + "#" + doc + "#" + chunk, scope, doc, text, Map.of("lang", "en"),
                HashingEmbeddingModel.vector(text), VectorRecord.NEVER);
    }

    /** The {@code k} records nearest to {@code text} in {@code scopes}, without filters or a score floor. */
    protected static VectorQuery query(String text, int k, MemoryScope... scopes) {
        return new VectorQuery(List.of(scopes), HashingEmbeddingModel.vector(text), k, Map.of(), -1, NOW);
    }

    private EmbeddingKnowledgeStore knowledge(ContentCipher cipher) {
        return EmbeddingKnowledgeStore.builder(store, new HashingEmbeddingModel())
                .chunker(new Chunker(40, 10)).cipher(cipher)
                .clock(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)).build();
    }

    @Test
    void findsNearestRecordsBestFirst() {
        store.replaceDocument(KNOWLEDGE, ALICE, "d1", List.of(record(ALICE, "d1", 0, "red apples grow on trees")));
        store.replaceDocument(KNOWLEDGE, ALICE, "d2", List.of(record(ALICE, "d2", 0, "ships sail the sea")));
        store.replaceDocument(KNOWLEDGE, ALICE, "d3", List.of(record(ALICE, "d3", 0, "green apples")));

        List<ScoredRecord> hits = store.search(KNOWLEDGE, query("apples", 2, ALICE));

        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).record().documentId()).isEqualTo("d3");
        assertThat(hits.get(1).record().documentId()).isEqualTo("d1");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits.get(0).record().vector()).containsExactly(HashingEmbeddingModel.vector("green apples"));
        assertThat(hits.get(0).record().metadata()).containsEntry("lang", "en");
    }

    @Test
    void scopesAreIsolatedUnlessNamed() {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "alice secret plan")));
        store.replaceDocument(KNOWLEDGE, BOB, "d", List.of(record(BOB, "d", 0, "bob secret plan")));

        assertThat(store.search(KNOWLEDGE, query("secret plan", 10, BOB)))
                .extracting(s -> s.record().content()).containsExactly("bob secret plan");
        assertThat(store.search(KNOWLEDGE, query("secret plan", 10, BOB, ALICE))).hasSize(2);
        assertThat(store.search(KNOWLEDGE, query("secret plan", 10, ALICE.withSession("other")))).isEmpty();
        assertThat(store.search("other", query("secret plan", 10, ALICE))).isEmpty();
    }

    @Test
    void replacingADocumentSwapsAllItsChunks() {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "one"),
                record(ALICE, "d", 1, "two"), record(ALICE, "d", 2, "three")));
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "four")));

        assertThat(store.count(KNOWLEDGE)).isEqualTo(1);
        assertThat(store.deleteDocument(KNOWLEDGE, ALICE, "d")).isEqualTo(1);
        assertThat(store.count(KNOWLEDGE)).isZero();
    }

    @Test
    void filtersByMetadataAndMinimumScore() {
        var en = record(ALICE, "en", 0, "apples and pears");
        var fr = new VectorRecord(ALICE.key() + "#fr#0", ALICE, "fr", "apples et poires", Map.of("lang", "fr"),
                HashingEmbeddingModel.vector("apples et poires"), VectorRecord.NEVER);
        store.replaceDocument(KNOWLEDGE, ALICE, "en", List.of(en));
        store.replaceDocument(KNOWLEDGE, ALICE, "fr", List.of(fr));
        var base = query("apples", 10, ALICE);

        var onlyFr = new VectorQuery(base.scopes(), base.vector(), 10, Map.of("lang", "fr"), -1, NOW);
        var strict = new VectorQuery(base.scopes(), base.vector(), 10, Map.of(), 0.99, NOW);

        assertThat(store.search(KNOWLEDGE, onlyFr)).extracting(s -> s.record().documentId()).containsExactly("fr");
        assertThat(store.search(KNOWLEDGE, strict)).isEmpty();
    }

    @Test
    void expiredRecordsAreInvisibleAndPurged() {
        var old = new VectorRecord("x", ALICE, "old", "stale fact", Map.of(), HashingEmbeddingModel.vector("stale fact"),
                NOW.minusSeconds(1));
        store.replaceDocument(KNOWLEDGE, ALICE, "old", List.of(old));
        store.replaceDocument(KNOWLEDGE, ALICE, "new", List.of(record(ALICE, "new", 0, "fresh fact")));

        assertThat(store.search(KNOWLEDGE, query("fact", 10, ALICE))).extracting(s -> s.record().documentId())
                .containsExactly("new");
        assertThat(store.purgeExpired(NOW)).isEqualTo(1);
        assertThat(store.count(KNOWLEDGE)).isEqualTo(1);
    }

    @Test
    void forgetErasesOneUserEverywhere() {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "alice likes tea")));
        store.replaceDocument("experience", ALICE.withSession("s2"), "e",
                List.of(record(ALICE.withSession("s2"), "e", 0, "alice did things")));
        store.replaceDocument(KNOWLEDGE, BOB, "d", List.of(record(BOB, "d", 0, "bob likes coffee")));

        assertThat(store.forget("acme", "alice")).isEqualTo(2);

        assertThat(store.count(KNOWLEDGE)).isEqualTo(1);
        assertThat(store.count("experience")).isZero();
        assertThat(store.search(KNOWLEDGE, query("likes", 10, BOB))).hasSize(1);
    }

    @Test
    void rejectsVectorsOfAnotherDimension() {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "sixty four dims")));
        var wrong = new VectorRecord("w", ALICE, "w", "three dims", Map.of(), new float[] {1, 2, 3}, VectorRecord.NEVER);

        assertThatThrownBy(() -> store.replaceDocument(KNOWLEDGE, ALICE, "w", List.of(wrong)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64-dimensional");
        assertThat(store.count(KNOWLEDGE)).isEqualTo(1);
    }

    @Test
    void rejectsRecordsOfAnotherDocumentOrBadCollectionNames() {
        assertThatThrownBy(() -> store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(BOB, "d", 0, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to");
        assertThatThrownBy(() -> store.count("Robert'); DROP TABLE x;--"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collection name");
    }

    @Test
    void getAndForEachReturnStoredRecords() {
        var a = record(ALICE, "a", 0, "alpha");
        var b = record(ALICE, "b", 0, "beta");
        store.replaceDocument(KNOWLEDGE, ALICE, "a", List.of(a));
        store.replaceDocument(KNOWLEDGE, ALICE, "b", List.of(b));

        assertThat(store.get(KNOWLEDGE, List.of(b.id(), "missing", a.id()))).extracting(VectorRecord::content)
                .containsExactly("beta", "alpha");
        List<String> seen = new ArrayList<>();
        store.forEach(KNOWLEDGE, r -> seen.add(r.content()));
        assertThat(seen).containsExactlyInAnyOrder("alpha", "beta");
    }

    @Test
    void keywordMatchesFindWordsCaseInsensitively() {
        store.replaceDocument(KNOWLEDGE, ALICE, "a", List.of(record(ALICE, "a", 0, "Error code ZX-81 means overheating")));
        store.replaceDocument(KNOWLEDGE, ALICE, "b", List.of(record(ALICE, "b", 0, "all is well")));

        assertThat(store.keywordMatches(KNOWLEDGE, query("x", 10, ALICE), List.of("zx-81")))
                .extracting(VectorRecord::documentId).containsExactly("a");
        assertThat(store.keywordMatches(KNOWLEDGE, query("x", 10, BOB), List.of("zx-81"))).isEmpty();
    }

    @Test
    void manyConcurrentWritersLoseNoWrites() throws Exception {
        int writers = 8;
        int perWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String doc = "w" + writer + "-" + i;
                        store.replaceDocument(KNOWLEDGE, ALICE, doc, List.of(record(ALICE, doc, 0, "text " + doc),
                                record(ALICE, doc, 1, "more " + doc)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.count(KNOWLEDGE)).isEqualTo(writers * perWriter * 2L);
    }

    @Test
    void knowledgeStoreChunksRecallsAndDeletesAllChunks() {
        var knowledge = knowledge(ContentCipher.NONE);
        String text = "Refunds are paid within fourteen days. Shipping takes three days. "
                + "Support answers email within one day. Invoices are sent monthly.";

        int chunks = knowledge.add(ALICE, Document.of("policy", text).with("topic", "billing"));
        List<Recollection> hits = knowledge.recall(ALICE, KnowledgeQuery.of("shipping takes how many days").topK(1));

        assertThat(chunks).isGreaterThan(2);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.text()).contains("Shipping takes three");
            assertThat(h.metadata()).containsEntry("topic", "billing").doesNotContainKey(EmbeddingKnowledgeStore.CHUNK_KEY);
            assertThat(h.scope()).isEqualTo(ALICE);
        });
        assertThat(knowledge.delete(ALICE, "policy")).isTrue();
        assertThat(store.count(KNOWLEDGE)).isZero();
        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("shipping"))).isEmpty();
    }

    @Test
    void knowledgeIsSharedOnlyThroughANamedSharedScope() {
        var knowledge = knowledge(ContentCipher.NONE);
        var team = new MemoryScope("acme", "shared", "team", "kb");
        knowledge.add(team, Document.of("faq", "The office opens at nine"));

        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("when does the office open"))).isEmpty();
        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("when does the office open").alsoFrom(team)))
                .singleElement().extracting(Recollection::scope).isEqualTo(team);
    }

    @Test
    void hybridRecallFindsExactCodesAndRespectsFilters() {
        var knowledge = knowledge(ContentCipher.NONE);
        knowledge.add(ALICE, Document.of("a", "error ZX81 means the fan failed").with("kind", "manual"));
        knowledge.add(ALICE, Document.of("b", "the printer needs paper").with("kind", "manual"));
        knowledge.add(ALICE, Document.of("c", "error ZX81 in forum chatter").with("kind", "forum"));

        List<Recollection> hits = knowledge.recall(ALICE, KnowledgeQuery.of("zx81").withKeywords().where("kind", "manual"));

        assertThat(hits).extracting(Recollection::documentId).first().isEqualTo("a");
        assertThat(hits).extracting(Recollection::documentId).doesNotContain("c");
    }

    @Test
    void encryptedKnowledgeIsUnreadableInTheStoreAndBoundToItsScope() {
        var knowledge = knowledge(ContentCipher.aesGcm(new byte[32]));
        knowledge.add(ALICE, Document.of("pin", "my card pin is 4321"));

        List<String> stored = new ArrayList<>();
        store.forEach(KNOWLEDGE, r -> stored.add(r.content()));

        assertThat(stored).singleElement().asString().doesNotContain("4321").startsWith("gcm1:");
        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("card pin"))).singleElement()
                .extracting(Recollection::text).isEqualTo("my card pin is 4321");
        var otherKey = knowledge(ContentCipher.aesGcm(new byte[16]));
        assertThatThrownBy(() -> otherKey.recall(ALICE, KnowledgeQuery.of("card pin")))
                .isInstanceOf(MemoryException.class).hasMessageContaining("cannot decrypt");
    }

    @Test
    void knowledgeWithTtlDisappearsAfterItExpires() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        var knowledge = EmbeddingKnowledgeStore.builder(store, new HashingEmbeddingModel())
                .clock(new java.time.Clock() {
                    @Override
                    public java.time.ZoneId getZone() {
                        return java.time.ZoneOffset.UTC;
                    }

                    @Override
                    public java.time.Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return clock.get();
                    }
                }).build();
        knowledge.add(ALICE, Document.of("promo", "sale ends friday").expiringAfter(Duration.ofHours(1)));

        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("sale"))).hasSize(1);
        clock.set(NOW.plus(Duration.ofHours(2)));
        assertThat(knowledge.recall(ALICE, KnowledgeQuery.of("sale"))).isEmpty();
    }

    @Test
    void experienceStoreRecallsSimilarSuccessfulRuns() {
        var experiences = new EmbeddingExperienceStore(store, new HashingEmbeddingModel(), ContentCipher.NONE);
        var done = Instant.parse("2026-01-02T03:04:05Z");
        experiences.record(ALICE, new Experience("convert miles to km", List.of("called convert"),
                Experience.Outcome.SUCCEEDED, 1, done));
        experiences.record(ALICE, new Experience("convert miles to km quickly", List.of("guessed"),
                Experience.Outcome.FAILED, -1, done));
        experiences.record(ALICE, new Experience("book a flight", List.of("called airline"),
                Experience.Outcome.SUCCEEDED, 0.5, done));

        var similar = experiences.recallSuccessful(ALICE, "convert 5 miles to km", 1);

        assertThat(similar).singleElement().satisfies(r -> {
            assertThat(r.experience().task()).isEqualTo("convert miles to km");
            assertThat(r.experience().steps()).containsExactly("called convert");
            assertThat(r.experience().finishedAt()).isEqualTo(done);
        });
        assertThat(experiences.recallSuccessful(BOB, "convert miles to km", 5)).isEmpty();
        assertThat(experiences.forget("acme", "alice")).isEqualTo(3);
    }
}
