package dev.praxis.store.lucene;

import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HnswOptions} as the index applies them, and the rebuild of an index from its store. */
class LuceneIndexOptionsTest {

    private static final String KNOWLEDGE = "knowledge";
    private static final MemoryScope SCOPE = new MemoryScope("acme", "alice", "helper", "s1");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theConfiguredCandidateCountReachesTheLuceneQuery() throws Exception {
        writeToStore(200, new Random(1));
        try (LuceneIndexedStore indexed = open(HnswOptions.DEFAULTS.withCandidates(37))) {
            assertThat(indexed.options()).isEqualTo(HnswOptions.DEFAULTS.withCandidates(37));
        }
        try (LuceneIndexedStore indexed = LuceneIndexedStore.open(SqliteStore.open(dir.resolve("memory.db")).vectors(),
                dir.resolve("index"), Set.of(KNOWLEDGE), 0)) {
            assertThat(indexed.options()).isEqualTo(HnswOptions.DEFAULTS);
        }

        assertThat(plannedCandidates(HnswOptions.DEFAULTS.withCandidates(37), 10)).isEqualTo(37);
        assertThat(plannedCandidates(HnswOptions.DEFAULTS.withCandidates(37), 50)).as("never below the limit")
                .isEqualTo(50);
        assertThat(plannedCandidates(HnswOptions.DEFAULTS, 10)).as("scaled, small index")
                .isEqualTo(HnswOptions.SCALED_MIN);
    }

    @Test
    void theGraphSettingsReachTheVectorFormat() {
        try (IndexSettings settings = new IndexSettings(HnswOptions.DEFAULTS.withGraph(32, 200))) {
            var codec = (Lucene912Codec) settings.writerConfig().getCodec();

            assertThat(codec.getKnnVectorsFormatForField(IndexDocuments.vectorField(KNOWLEDGE)).toString())
                    .contains("maxConn=32").contains("beamWidth=200");
        }
    }

    @Test
    void anIndexOpenedOverAFilledStoreHoldsEveryRecordAndFindsTheNearest() {
        Random random = new Random(5);
        writeToStore(5_000, random);

        try (LuceneIndexedStore indexed = open(HnswOptions.DEFAULTS.withGraph(8, 50).withCandidates(60))) {
            assertThat(indexed.indexedCount(KNOWLEDGE)).isEqualTo(5_000);
            int found = 0;
            for (int q = 0; q < 20; q++) {
                var query = new VectorQuery(List.of(SCOPE), vector(random), 10, Map.of(), -1, NOW);
                Set<String> exact = ids(indexed.exact(KNOWLEDGE, query));
                Set<String> approximate = ids(indexed.search(KNOWLEDGE, query));
                approximate.retainAll(exact);
                found += approximate.size();
            }
            assertThat(found / 200.0).as("recall@10").isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void aStoreFailingDuringTheRebuildFailsTheOpenWithAMemoryException() {
        writeToStore(3_000, new Random(2));
        VectorStore sqlite = SqliteStore.open(dir.resolve("memory.db")).vectors();
        VectorStore failing = failingAfter(sqlite, 1_500);

        assertThatThrownBy(() -> LuceneIndexedStore.open(failing, dir.resolve("index"), Set.of(KNOWLEDGE), 0))
                .isInstanceOf(MemoryException.class).hasMessageContaining("disk went away");
        sqlite.close();
        try (LuceneIndexedStore reopened = open(HnswOptions.DEFAULTS)) {
            assertThat(reopened.indexedCount(KNOWLEDGE)).as("rebuilt whole on the next open").isEqualTo(3_000);
        }
    }

    /**
     * The failure above, many times over: rebuild workers used to be interrupted inside Lucene's
     * writer when the store failed, which closed the writer (an interrupt during NIO closes the
     * channel) and replaced the store's failure by a closed index about one run in eight.
     */
    @RepeatedTest(5)
    void theStoresFailureIsWhatARebuildReportsEveryTime() {
        writeToStore(2_200, new Random(4));
        VectorStore sqlite = SqliteStore.open(dir.resolve("memory.db")).vectors();

        assertThatThrownBy(() -> LuceneIndexedStore.open(failingAfter(sqlite, 2_050), dir.resolve("index"),
                Set.of(KNOWLEDGE), 0)).isInstanceOf(MemoryException.class).hasMessageContaining("disk went away")
                .satisfies(e -> assertThat(e.getSuppressed()).as("nothing went wrong in the writer").isEmpty());
        sqlite.close();
        try (LuceneIndexedStore reopened = open(HnswOptions.DEFAULTS)) {
            assertThat(reopened.indexedCount(KNOWLEDGE)).isEqualTo(2_200);
        }
    }

    @Test
    void openRejectsMissingOptions() {
        VectorStore sqlite = SqliteStore.open(dir.resolve("memory.db")).vectors();
        try {
            assertThatThrownBy(() -> LuceneIndexedStore.open(sqlite, dir.resolve("index"), Set.of(KNOWLEDGE), 0, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
        } finally {
            sqlite.close();
        }
    }

    private int plannedCandidates(HnswOptions options, int limit) throws Exception {
        try (var reader = DirectoryReader.open(FSDirectory.open(dir.resolve("index")))) {
            var query = new VectorQuery(List.of(SCOPE), vector(new Random(3)), limit, Map.of(), -1, NOW);
            var plan = NearestSearch.plan(new IndexSearcher(reader), KNOWLEDGE, query,
                    IndexDocuments.unit(query.vector()), options);
            return plan.knn().getK();
        }
    }

    private LuceneIndexedStore open(HnswOptions options) {
        return LuceneIndexedStore.open(SqliteStore.open(dir.resolve("memory.db")).vectors(), dir.resolve("index"),
                Set.of(KNOWLEDGE), 0, options);
    }

    /** Writes records to the store alone, 500 per document, so opening the index must build it. */
    private void writeToStore(int count, Random random) {
        try (var sqlite = SqliteStore.open(dir.resolve("memory.db"))) {
            for (int from = 0; from < count; from += 500) {
                List<VectorRecord> records = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + 500); i++) {
                    records.add(new VectorRecord("r" + i, SCOPE, "d" + from, "r" + i, Map.of(), vector(random),
                            VectorRecord.NEVER));
                }
                sqlite.vectors().replaceDocument(KNOWLEDGE, SCOPE, "d" + from, records);
            }
        }
    }

    /** {@code store}, except that its {@code forEach} fails after {@code records} records. */
    private static VectorStore failingAfter(VectorStore store, int records) {
        return (VectorStore) Proxy.newProxyInstance(VectorStore.class.getClassLoader(),
                new Class<?>[] {VectorStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("forEach")) {
                        @SuppressWarnings("unchecked")
                        Consumer<VectorRecord> action = (Consumer<VectorRecord>) args[1];
                        int[] seen = new int[1];
                        store.forEach((String) args[0], r -> {
                            if (++seen[0] > records) {
                                throw new IllegalStateException("disk went away");
                            }
                            action.accept(r);
                        });
                        return null;
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    return method.invoke(store, args);
                });
    }

    private static float[] vector(Random random) {
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static Set<String> ids(List<dev.praxis.memory.ScoredRecord> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(h -> ids.add(h.record().id()));
        return ids;
    }
}
