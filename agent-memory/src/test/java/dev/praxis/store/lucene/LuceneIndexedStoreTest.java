package dev.praxis.store.lucene;

import dev.praxis.testing.contract.VectorStoreContract;
import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract with every search going through HNSW (exactBelow 0), plus index-specific behaviour. */
class LuceneIndexedStoreTest extends VectorStoreContract {

    @TempDir
    Path dir;

    @Override
    protected VectorStore createStore() {
        return open(0);
    }

    private LuceneIndexedStore open(long exactBelow) {
        return LuceneIndexedStore.open(SqliteStore.open(dir.resolve("memory.db")).vectors(), dir.resolve("index"),
                Set.of(KNOWLEDGE, "experience"), exactBelow);
    }

    @Test
    void approximateSearchAgreesWithExactSearchOnRandomVectors() {
        var indexed = (LuceneIndexedStore) store;
        Random random = new Random(42);
        List<VectorRecord> records = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            records.add(new VectorRecord("r" + i, ALICE, "bulk", "r" + i, Map.of(), randomVector(random, 16),
                    VectorRecord.NEVER));
        }
        indexed.replaceDocument(KNOWLEDGE, ALICE, "bulk", records);

        int found = 0;
        for (int q = 0; q < 20; q++) {
            var query = new VectorQuery(List.of(ALICE), randomVector(random, 16), 10, Map.of(), -1, NOW);
            Set<String> exact = ids(indexed.exact(KNOWLEDGE, query));
            Set<String> approximate = ids(indexed.search(KNOWLEDGE, query));
            approximate.retainAll(exact);
            found += approximate.size();
        }
        assertThat(found / 200.0).as("recall@10").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void rebuildsAnIndexLeftBehindByAnUncleanStop() throws Exception {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "kept fact")));
        store.close();
        Files.writeString(dir.resolve("index").resolve("praxis-index.dirty"), "simulated crash");
        var sqlite = SqliteStore.open(dir.resolve("memory.db"));
        sqlite.vectors().replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "changed fact")));
        sqlite.close();

        store = open(0);

        assertThat(store.search(KNOWLEDGE, query("changed fact", 5, ALICE)))
                .extracting(s -> s.record().content()).containsExactly("changed fact");
        assertThat(Files.exists(dir.resolve("index").resolve("praxis-index.dirty"))).isFalse();
    }

    @Test
    void smallCollectionsAreSearchedExactlyByTheStore() {
        store.close();
        store = open(1000);
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "tiny store")));

        assertThat(store.search(KNOWLEDGE, query("tiny", 3, ALICE))).hasSize(1);
        assertThat(((LuceneIndexedStore) store).indexedCount(KNOWLEDGE)).isEqualTo(1);
    }

    @Test
    void anIndexInAnOlderLayoutIsRebuiltFromTheStore() throws Exception {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "kept fact")));
        store.close();
        Path layout = dir.resolve("index").resolve("praxis-index.layout");
        Files.delete(layout);

        store = open(0);

        assertThat(Files.exists(layout)).isTrue();
        assertThat(((LuceneIndexedStore) store).indexedCount(KNOWLEDGE)).isEqualTo(1);
        assertThat(store.search(KNOWLEDGE, query("kept fact", 5, ALICE)))
                .extracting(s -> s.record().content()).containsExactly("kept fact");
    }

    @Test
    void aBulkLoadKeepsTheIndexMarkedStaleUntilItEnds() {
        var indexed = (LuceneIndexedStore) store;
        Path marker = dir.resolve("index").resolve("praxis-index.dirty");
        Random random = new Random(3);
        try (var load = indexed.bulkLoad()) {
            for (int d = 0; d < 5; d++) {
                List<VectorRecord> records = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    records.add(new VectorRecord("d" + d + "-" + i, ALICE, "d" + d, "r", Map.of(),
                            randomVector(random, 16), VectorRecord.NEVER));
                }
                indexed.replaceDocument(KNOWLEDGE, ALICE, "d" + d, records);
            }
            assertThat(Files.exists(marker)).as("a crash now must rebuild the index").isTrue();
        }

        assertThat(Files.exists(marker)).isFalse();
        assertThat(indexed.indexedCount(KNOWLEDGE)).isEqualTo(500);
        var query = new VectorQuery(List.of(ALICE), randomVector(random, 16), 10, Map.of(), -1, NOW);
        assertThat(ids(indexed.search(KNOWLEDGE, query))).hasSize(10).isSubsetOf(ids(indexed.exact(KNOWLEDGE, query)));
    }

    @Test
    void expiredRecordsNotYetPurgedNeverTakeALiveRecordsPlace() {
        var indexed = (LuceneIndexedStore) store;
        Random random = new Random(9);
        float[] target = randomVector(random, 16);
        for (int expiredCount : new int[] {5, 1200}) {
            List<VectorRecord> records = new ArrayList<>();
            for (int i = 0; i < expiredCount; i++) {
                records.add(new VectorRecord("x" + i, ALICE, "expired", "old", Map.of(), near(target, random, 0.01f),
                        NOW.minusSeconds(60)));
            }
            indexed.replaceDocument(KNOWLEDGE, ALICE, "expired", records);
            List<VectorRecord> live = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                live.add(new VectorRecord("l" + i, ALICE, "live", "new", Map.of(), near(target, random, 0.5f),
                        VectorRecord.NEVER));
            }
            indexed.replaceDocument(KNOWLEDGE, ALICE, "live", live);

            var query = new VectorQuery(List.of(ALICE), target, 10, Map.of(), -1, NOW);
            assertThat(indexed.search(KNOWLEDGE, query)).as("with %d expired records", expiredCount)
                    .hasSize(10).allMatch(h -> h.record().content().equals("new"));
        }
    }

    @Test
    void zeroVectorsAreStoredAndAZeroQueryIsAnsweredExactly() {
        store.replaceDocument(KNOWLEDGE, ALICE, "z", List.of(new VectorRecord("z", ALICE, "z", "zero", Map.of(),
                new float[16], VectorRecord.NEVER), new VectorRecord("o", ALICE, "z", "one", Map.of(),
                randomVector(new Random(1), 16), VectorRecord.NEVER)));

        var zeroQuery = new VectorQuery(List.of(ALICE), new float[16], 5, Map.of(), -1, NOW);
        assertThat(store.search(KNOWLEDGE, zeroQuery)).hasSize(2).allMatch(h -> h.score() == 0);
        assertThat(store.count(KNOWLEDGE)).isEqualTo(2);
    }

    private static float[] near(float[] target, Random random, float noise) {
        float[] v = target.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += noise * (float) random.nextGaussian();
        }
        return v;
    }

    private static Set<String> ids(List<ScoredRecord> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(h -> ids.add(h.record().id()));
        return ids;
    }

    static float[] randomVector(Random random, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
