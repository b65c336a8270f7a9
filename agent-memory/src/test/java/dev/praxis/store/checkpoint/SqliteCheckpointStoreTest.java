package dev.praxis.store.checkpoint;

import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.OldCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteCheckpointStoreTest extends CheckpointStoreContract {

    @TempDir
    Path dir;

    @Override
    protected CheckpointStore store() {
        return SqliteCheckpointStore.open(dir.resolve("runs.db"));
    }

    @Test
    void statesSurviveReopeningTheFile() {
        store().save(state("r1", 4, RunState.Phase.AWAITING_APPROVAL, 9));

        CheckpointStore reopened = SqliteCheckpointStore.open(dir.resolve("runs.db"));

        assertThat(reopened.load("r1")).contains(state("r1", 4, RunState.Phase.AWAITING_APPROVAL, 9));
    }

    @Test
    void aFileThatIsNotADatabaseIsATypedError() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not sqlite, just text long enough to have a header".repeat(10));

        assertThatThrownBy(() -> SqliteCheckpointStore.open(junk)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("cannot open checkpoint database");
    }

    @Test
    void runIdsAreDataNotSql() {
        CheckpointStore store = store();
        String hostile = "x'); DROP TABLE praxis_run_state; --";
        store.save(state(hostile, 1, RunState.Phase.RUNNING, 1));

        assertThat(store.load(hostile)).isPresent();
        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly(hostile);
    }

    @Test
    void aFileOfTheFirstVersionOpensMigratedAndItsOldRunsAreForgettable() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(OldCheckpoints.SQLITE_TABLE);
            s.execute("CREATE INDEX praxis_run_state_phase ON praxis_run_state (phase, updated_at)");
            OldCheckpoints.insert(c, "praxis_run_state", true);
        }

        OldCheckpoints.assertForgettable(SqliteCheckpointStore.open(file));
        OldCheckpoints.assertStillForgotten(SqliteCheckpointStore.open(file));
    }

    @Test
    void aFileOfANewerSchemaIsRefused() throws Exception {
        Path file = dir.resolve("newer.db");
        SqliteCheckpointStore.open(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> SqliteCheckpointStore.open(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void forgottenStatesLeaveNoBytesInTheFileOrItsLog() throws Exception {
        CheckpointStore checkpoints = store();
        checkpoints.save(state("run-1", 1, RunState.Phase.AWAITING_APPROVAL, 1)); // "pay 5", "earlier"
        checkpoints.save(state("run-1", 2, RunState.Phase.AWAITING_APPROVAL, 2));
        Path file = dir.resolve("runs.db");
        assertThat(OldCheckpoints.bytesOf(file, Path.of(file + "-wal"))).contains("earlier");

        checkpoints.forget("default", "alice");

        assertThat(OldCheckpoints.bytesOf(file, Path.of(file + "-wal"))).doesNotContain("earlier", "pay 5");
    }
}
