package dev.praxis.store.sqlite;

import dev.praxis.state.CheckpointStore;
import dev.praxis.state.CheckpointStoreContract;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteCheckpointStoreTest extends CheckpointStoreContract {

    @TempDir
    Path dir;

    private JdbcStore store;

    @Override
    protected CheckpointStore store() {
        if (store == null) {
            store = SqliteStore.open(dir.resolve("memory.db"));
        }
        return store.checkpoints();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void checkpointsSurviveReopening() {
        RunState state = state("run-9", 4, RunState.Phase.AWAITING_APPROVAL, 300);
        store().save(state);
        store.close();

        store = SqliteStore.open(dir.resolve("memory.db"));

        assertThat(store.checkpoints().load("run-9")).contains(state);
    }
}
