package dev.praxis.store.sqlite;

import dev.praxis.testing.contract.VectorStoreContract;
import dev.praxis.memory.VectorStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path dir;

    @Override
    protected VectorStore createStore() {
        return SqliteStore.open(dir.resolve("memory.db")).vectors();
    }
}
