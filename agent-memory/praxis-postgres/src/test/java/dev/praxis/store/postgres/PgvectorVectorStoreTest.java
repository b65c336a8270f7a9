package dev.praxis.store.postgres;

import dev.praxis.testing.contract.VectorStoreContract;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.memory.Vectors;
import dev.praxis.store.jdbc.JdbcVectorStore;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract against a real PostgreSQL with the real pgvector extension (PGlite, see
 * {@link PgvectorServer}), plus proof that vectors live in a pgvector column with an HNSW index and
 * that the store's searches go through that index. PGlite serves one connection at a time, so
 * stores here use a pool of one and the checks with SQL of their own run while no store is open.
 */
class PgvectorVectorStoreTest extends VectorStoreContract {

    private static final int DIMS = 32;
    private String url;

    @Override
    protected VectorStore createStore() {
        url = PgvectorServer.freshDatabase();
        return open();
    }

    private JdbcVectorStore open() {
        JdbcVectorStore vectors = PostgresStore.open(url, "postgres", "", 1).vectors();
        assertThat(vectors.searchesNatively()).as("pgvector detected and used").isTrue();
        return vectors;
    }

    @Test
    void vectorsLiveInAPgvectorColumnWithAnHnswCosineIndexPerCollection() throws SQLException {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "a fact")));
        int dims = record(ALICE, "d", 0, "a fact").vector().length;
        store.close();

        try (Connection c = connect()) {
            assertThat(single(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'praxis_vectors'::regclass AND attname = 'embedding'")).isEqualTo("vector");
            assertThat(single(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'praxis_hnsw_knowledge_" + dims + "'"))
                    .contains("USING hnsw").contains("vector_cosine_ops").contains("::vector(" + dims + ")")
                    .contains("'knowledge'");
            assertThat(single(c, "SELECT count(*) FROM praxis_vectors WHERE embedding IS NULL")).isEqualTo("0");
        }
        store = open();
    }

    @Test
    void searchesGoThroughTheHnswIndexAndAgreeWithExactSearch() throws SQLException {
        Random random = new Random(5);
        List<VectorRecord> alice = records(ALICE, "a", 1500, random);
        store.replaceDocument(KNOWLEDGE, ALICE, "a", alice);
        store.replaceDocument(KNOWLEDGE, BOB, "b", records(BOB, "b", 500, random));
        store.close();
        long scansBefore = indexScans();
        VectorQuery probe = new VectorQuery(List.of(ALICE), vector(random), 10, Map.of(), -1, NOW);
        assertThat(explain(probe)).as("plan of the store's query").contains("praxis_hnsw_knowledge_" + DIMS);

        store = open();
        int found = 0;
        for (int q = 0; q < 20; q++) {
            VectorQuery query = new VectorQuery(List.of(ALICE), vector(random), 10, Map.of(), -1, NOW);
            List<ScoredRecord> hits = store.search(KNOWLEDGE, query);
            assertThat(hits).hasSize(10).allMatch(h -> h.record().scope().equals(ALICE));
            assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(ScoredRecord::score).reversed());
            Set<String> ids = ids(hits);
            ids.retainAll(exactTop(alice, query));
            found += ids.size();
        }
        store.close();

        assertThat(found / 200.0).as("recall@10 against exact search").isGreaterThanOrEqualTo(0.9);
        assertThat(indexScans()).as("scans of the HNSW index").isGreaterThanOrEqualTo(scansBefore + 20);
        store = open();
    }

    @Test
    void rowsWrittenWithoutPgvectorAreFilledInWhenItIsUsedAgain() throws SQLException {
        store.replaceDocument(KNOWLEDGE, ALICE, "old", List.of(record(ALICE, "old", 0, "written by pgvector")));
        store.close();
        try (var portable = PostgresStore.openPortable(url, "postgres", "", 1)) {
            assertThat(portable.vectors().searchesNatively()).isFalse();
            portable.vectors().replaceDocument(KNOWLEDGE, BOB, "new", List.of(record(BOB, "new", 0, "written portably"),
                    record(BOB, "new", 1, "also portable")));
        }
        try (Connection c = connect()) {
            assertThat(single(c, "SELECT count(*) FROM praxis_vectors WHERE embedding IS NULL")).isEqualTo("2");
        }

        open().close();

        try (Connection c = connect()) {
            assertThat(single(c, "SELECT count(*) FROM praxis_vectors WHERE embedding IS NULL")).isEqualTo("0");
        }
        store = open();
        assertThat(store.search(KNOWLEDGE, query("written portably", 1, BOB)))
                .extracting(h -> h.record().content()).containsExactly("written portably");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from: " + sql).isTrue();
            return rs.getString(1);
        }
    }

    /** Index scans counted by PostgreSQL's cumulative statistics, pending counts flushed first. */
    private long indexScans() throws SQLException {
        try (Connection c = connect()) {
            single(c, "SELECT pg_stat_force_next_flush()::text");
            single(c, "SELECT pg_stat_clear_snapshot()::text");
            return Long.parseLong(single(c, "SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes"
                    + " WHERE indexrelname = 'praxis_hnsw_knowledge_" + DIMS + "'"));
        }
    }

    /** EXPLAIN of exactly the SQL the store runs for {@code query}. */
    private String explain(VectorQuery query) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("EXPLAIN "
                + PgVector.nearestSql(KNOWLEDGE, DIMS, 1, false))) {
            ps.setLong(1, query.now().toEpochMilli());
            int next = dev.praxis.store.jdbc.ScopeSql.bindScopes(ps, 2, query.scopes());
            ps.setString(next++, PgVector.text(query.vector()));
            ps.setInt(next, query.limit());
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static List<VectorRecord> records(MemoryScope scope, String doc, int n, Random random) {
        return IntStream.range(0, n).mapToObj(i -> new VectorRecord(doc + i, scope, doc, "r" + i, Map.of(),
                vector(random), VectorRecord.NEVER)).toList();
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static Set<String> exactTop(List<VectorRecord> records, VectorQuery query) {
        List<VectorRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingDouble((VectorRecord r) -> Vectors.cosine(query.vector(), r.vector())).reversed());
        return ids(sorted.subList(0, query.limit()).stream().map(r -> new ScoredRecord(r, 0)).toList());
    }

    private static Set<String> ids(List<ScoredRecord> hits) {
        Set<String> ids = new HashSet<>();
        hits.forEach(h -> ids.add(h.record().id()));
        return ids;
    }
}
