package dev.praxis.store.postgres;

import dev.praxis.memory.VectorStore;
import dev.praxis.memory.VectorStoreContract;

class PostgresVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore createStore() {
        return PostgresStore.open(PostgresServer.newDatabase(), "postgres", "", 8).vectors();
    }
}
