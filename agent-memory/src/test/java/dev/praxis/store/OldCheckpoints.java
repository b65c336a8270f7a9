package dev.praxis.store;

import dev.praxis.testing.contract.CheckpointStoreContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.CheckpointForgottenException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkpoints as the version before owners were recorded wrote them: its DDL, copied here as it
 * was released (so a later edit of the migrations cannot make these tests pass by accident), and
 * its state JSON, which named the session but had no {@code owner}.
 */
public final class OldCheckpoints {

    /** The {@code praxis_checkpoints} table of schema version 2 of {@code JdbcStore}. */
    public static final String JDBC_TABLE = "CREATE TABLE praxis_checkpoints ("
            + " run_id TEXT PRIMARY KEY, phase VARCHAR(40) NOT NULL, version BIGINT NOT NULL,"
            + " updated_at BIGINT NOT NULL, state TEXT NOT NULL)";
    /** Its index. */
    public static final String JDBC_INDEX = "CREATE INDEX praxis_checkpoints_phase ON praxis_checkpoints"
            + " (phase, updated_at)";
    /** The table of the first {@code SqliteCheckpointStore}. */
    public static final String SQLITE_TABLE = "CREATE TABLE praxis_run_state (run_id TEXT PRIMARY KEY,"
            + " phase TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL)";

    /** Alice's runs in tenant acme (two agents), then bob's, alice's in globex, and an unowned one. */
    public static final List<RunState> RUNS = List.of(
            CheckpointStoreContract.owned("old-alice-1", 3, 10, new MemoryScope("acme", "alice", "support", "s1"), null),
            CheckpointStoreContract.owned("old-alice-2", 1, 11, new MemoryScope("acme", "alice", "billing", "s2"), null),
            CheckpointStoreContract.owned("old-bob", 2, 12, new MemoryScope("acme", "bob", "support", "s1"), null),
            CheckpointStoreContract.owned("old-globex", 1, 13, new MemoryScope("globex", "alice", "support", "s1"), null),
            CheckpointStoreContract.owned("old-nobody", 1, 14, null, null));

    private static final ObjectMapper JSON = new ObjectMapper();

    private OldCheckpoints() {
    }

    /** {@code state} as the old version wrote it: no {@code owner} field. */
    public static String json(RunState state) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(state.toJson());
            node.remove("owner");
            return node.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts {@link #RUNS} as old rows (updated_at in epoch millis, or ISO text for {@code SqliteCheckpointStore}). */
    public static void insert(Connection c, String table, boolean isoTimes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (run_id, phase, version, updated_at, state) VALUES (?, ?, ?, ?, ?)")) {
            for (RunState run : RUNS) {
                ps.setString(1, run.runId());
                ps.setString(2, run.phase().name());
                ps.setLong(3, run.version());
                if (isoTimes) {
                    ps.setString(4, run.updatedAt().toString());
                } else {
                    ps.setLong(4, run.updatedAt().toEpochMilli());
                }
                ps.setString(5, json(run));
                ps.executeUpdate();
            }
        }
    }

    /**
     * Checks that {@code store}, opened over the old rows, reads them unchanged and that forget
     * finds exactly alice's in acme and refuses to store them again.
     */
    public static void assertForgettable(CheckpointStore store) {
        assertThat(store.load("old-bob")).contains(RUNS.get(2));

        assertThat(store.forget("acme", "alice")).isEqualTo(2);

        assertThat(store.load("old-alice-1")).isEmpty();
        assertThat(store.load("old-alice-2")).isEmpty();
        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly("old-bob", "old-globex", "old-nobody");
        assertThat(store.load("old-globex")).contains(RUNS.get(3));
        assertThatThrownBy(() -> store.save(CheckpointStoreContract.owned("old-alice-1", 4, 20,
                new MemoryScope("acme", "alice", "support", "s1"), null)))
                .isInstanceOf(CheckpointForgottenException.class);
        assertThat(store.forget("acme", "bob")).isEqualTo(1);
    }

    /** Checks a store reopened after {@link #assertForgettable}: migrated once, the forgotten runs still refused. */
    public static void assertStillForgotten(CheckpointStore store) {
        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly("old-globex", "old-nobody");
        assertThat(store.forget("acme", "alice")).isZero();
        assertThatThrownBy(() -> store.save(CheckpointStoreContract.owned("old-bob", 3, 21,
                new MemoryScope("acme", "bob", "support", "s1"), null)))
                .isInstanceOf(CheckpointForgottenException.class);
    }

    /** The bytes of {@code files} that exist, as Latin-1 text, to search a database file for leftovers. */
    public static String bytesOf(Path... files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            if (Files.exists(file)) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
