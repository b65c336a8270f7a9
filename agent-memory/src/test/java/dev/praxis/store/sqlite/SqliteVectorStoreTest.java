package dev.praxis.store.sqlite;

import dev.praxis.memory.VectorStore;
import dev.praxis.memory.VectorStoreContract;
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
