package dev.praxis.store.sqlite;

import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointForgottenException;
import dev.praxis.store.OldCheckpoints;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aFileWrittenByTheRemovedSqliteCheckpointStoreOpensWithItsRunsAndForgottenIds() throws Exception {
        // written by SqliteCheckpointStore (schema 1) before it was removed: alice-run (owner acme/alice,
        // updated with nanoseconds), paused-run, and carol-run, forgotten
        Path file = dir.resolve("old.db");
        try (InputStream old = getClass().getResourceAsStream("written-by-SqliteCheckpointStore-1.db")) {
            Files.copy(old, file);
        }

        store = SqliteStore.open(file);
        CheckpointStore checkpoints = store.checkpoints();

        assertThat(checkpoints.load("paused-run"))
                .contains(state("paused-run", 2, RunState.Phase.AWAITING_APPROVAL, 1_700_000_100L));
        assertThat(checkpoints.load("alice-run")).get().satisfies(run -> {
            assertThat(run.version()).isEqualTo(3);
            assertThat(run.updatedAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456789Z"));
        });
        assertThat(checkpoints.runIds(RunState.Phase.RUNNING)).containsExactly("alice-run");
        assertThatThrownBy(() -> checkpoints.save(owned("carol-run", 2, 1, null, new Owner("acme", "carol"))))
                .isInstanceOf(CheckpointForgottenException.class);
        assertThat(tables(file)).doesNotContain("praxis_run_state", "praxis_forgotten_run");

        assertThat(checkpoints.forget("acme", "alice")).isEqualTo(1);
        store.close();
        store = SqliteStore.open(file);
        assertThat(store.checkpoints().runIds(RunState.Phase.RUNNING)).isEmpty();
        assertThat(store.checkpoints().runIds(RunState.Phase.AWAITING_APPROVAL)).containsExactly("paused-run");
    }

    @Test
    void aFileOfTheFirstSqliteCheckpointStoreOpensMigratedAndItsOldRunsAreForgettable() throws Exception {
        Path file = dir.resolve("first.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(OldCheckpoints.SQLITE_TABLE);
            s.execute("CREATE INDEX praxis_run_state_phase ON praxis_run_state (phase, updated_at)");
            OldCheckpoints.insert(c, "praxis_run_state", true);
        }

        store = SqliteStore.open(file);

        OldCheckpoints.assertForgettable(store.checkpoints());
        store.close();
        store = SqliteStore.open(file);
        OldCheckpoints.assertStillForgotten(store.checkpoints());
    }

    private static List<String> tables(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
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
