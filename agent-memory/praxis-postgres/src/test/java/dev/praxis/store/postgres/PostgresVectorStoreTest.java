package dev.praxis.store.postgres;

import dev.praxis.testing.contract.VectorStoreContract;
import dev.praxis.memory.VectorStore;
import dev.praxis.store.jdbc.JdbcVectorStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on the portable path: embedded PostgreSQL 17 has no pgvector, so vectors are searched by scanning. */
class PostgresVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore createStore() {
        JdbcVectorStore vectors = PostgresStore.open(PostgresServer.newDatabase(), "postgres", "", 8).vectors();
        assertThat(vectors.searchesNatively()).as("the portable path (no pgvector on this server)").isFalse();
        return vectors;
    }
}
