package dev.praxis.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.EmbeddingStoreVectorStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.Recollection;
import dev.praxis.memory.VectorStore;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.testing.contract.VectorStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole vector store contract kept by LangChain4j's own pgvector EmbeddingStore
 * (langchain4j-pgvector) behind the bridge, on a real PostgreSQL with the real pgvector extension
 * (PGlite, see {@link PgvectorServer}; skipped with the reason when it cannot start, failed under
 * {@code CI=true}).
 */
class LangChain4jPgvectorStoreTest extends VectorStoreContract {

    private static final int DIMS = HashingEmbeddingModel.vector("x").length;
    private HikariDataSource pool;

    @Override
    protected VectorStore createStore() {
        String url = PgvectorServer.freshDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(1);     // PGlite serves one connection at a time
        pool = new HikariDataSource(config);
        EmbeddingStore<TextSegment> pgvector = PgVectorEmbeddingStore.datasourceBuilder().datasource(pool)
                .table("lc4j_entries").dimension(DIMS).createTable(true).useIndex(false).build();
        return EmbeddingStoreVectorStore.over(pgvector, DIMS);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void recordsLiveInLangChain4jsPgvectorTable() throws SQLException {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "stored by langchain4j")));

        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT text, format_type(a.atttypid, a.atttypmod) FROM lc4j_entries,"
                     + " pg_attribute a WHERE a.attrelid = 'lc4j_entries'::regclass AND a.attname = 'embedding'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("stored by langchain4j");
            assertThat(rs.getString(2)).isEqualTo("vector(" + DIMS + ")");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void quotesInIdsAndMetadataAreDataNotSql() {
        String doc = "o'brien'); DROP TABLE lc4j_entries; --";
        var knowledge = EmbeddingKnowledgeStore.builder(store, new HashingEmbeddingModel()).build();
        knowledge.add(ALICE, Document.of(doc, "Refunds take fourteen days.").with("owner", "o'brien"));

        List<Recollection> hits = knowledge.recall(ALICE, KnowledgeQuery.of("refunds").where("owner", "o'brien"));

        assertThat(hits).singleElement().satisfies(h -> assertThat(h.documentId()).isEqualTo(doc));
        assertThat(knowledge.delete(ALICE, doc)).isTrue();
        assertThat(store.count(KNOWLEDGE)).isZero();
    }
}
