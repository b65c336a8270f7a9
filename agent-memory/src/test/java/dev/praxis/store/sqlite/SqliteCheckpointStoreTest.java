package dev.praxis.store.sqlite;

import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.store.OldCheckpoints;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

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

    @Test
    void aFileOfTheVersionBeforeOwnersOpensMigratedAndItsOldRunsAreForgettable() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE praxis_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            for (String ddl : Dialect.SQLITE.migrations().get(0)) {
                s.execute(ddl); // vectors and turns: unchanged since
            }
            s.execute(OldCheckpoints.JDBC_TABLE);
            s.execute(OldCheckpoints.JDBC_INDEX);
            s.execute("INSERT INTO praxis_schema VALUES (1, 0), (2, 0)");
            OldCheckpoints.insert(c, "praxis_checkpoints", false);
        }

        store = SqliteStore.open(file);

        OldCheckpoints.assertForgettable(store.checkpoints());
        store.close();
        store = SqliteStore.open(file);
        OldCheckpoints.assertStillForgotten(store.checkpoints());
    }

    @Test
    void forgettingTheStoreErasesCheckpointsWithVectorsAndConversations() {
        CheckpointStore checkpoints = store();
        checkpoints.save(owned("run-a", 1, 1, new MemoryScope("acme", "alice", "support", "s1"), null));
        store.conversations(10).append(new MemoryScope("acme", "alice", "support", "s1"),
                List.of(UserMessage.from("hello")));

        assertThat(store.forget("acme", "alice")).isEqualTo(2);
        assertThat(checkpoints.load("run-a")).isEmpty();
    }

    @Test
    void forgottenStatesLeaveNoBytesInTheFileOrItsLog() throws Exception {
        CheckpointStore checkpoints = store();
        checkpoints.save(state("run-1", 1, RunState.Phase.AWAITING_APPROVAL, 1)); // "pay 5", "earlier"
        checkpoints.save(state("run-1", 2, RunState.Phase.AWAITING_APPROVAL, 2));
        Path file = dir.resolve("memory.db");
        assertThat(OldCheckpoints.bytesOf(file, Path.of(file + "-wal"))).contains("earlier");

        checkpoints.forget("default", "alice");

        assertThat(OldCheckpoints.bytesOf(file, Path.of(file + "-wal"))).doesNotContain("earlier", "pay 5");
    }
}
