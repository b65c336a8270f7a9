package dev.praxis.store.checkpoint;

import dev.praxis.state.CheckpointConflictException;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointForgottenException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.state.RunStateJson;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Run states in a SQLite database file: one row per run with its phase, version and JSON
 * state. Each save is one {@code BEGIN IMMEDIATE} transaction (version check and write
 * together) with {@code synchronous=FULL}, so a committed save survives a crash of the
 * process or the machine, and two processes sharing the file cannot both continue a run.
 * Each row also holds the run's owner (indexed) for {@link #forget}, which keeps the erased run
 * ids in a table of their own so a late save cannot store them again; the schema is versioned
 * ({@code user_version}) and migrated on open. Thread-safe; opens a connection per operation.
 *
 * <pre>{@code
 * Agent agent = LlmAgent.builder().llm(llm).tools(tools)
 *         .checkpoints(SqliteCheckpointStore.open(Path.of("runs.db")))
 *         .build();
 * }</pre>
 */
public final class SqliteCheckpointStore implements CheckpointStore {

    private static final String TABLE = CheckpointSchema.TABLE;
    private static final String FORGOTTEN = CheckpointSchema.FORGOTTEN;
    private final String url;

    private SqliteCheckpointStore(String url) {
        this.url = url;
    }

    /**
     * A store in the database file {@code file}, created with its table if missing and migrated
     * to this version's schema (a file of an older version keeps its runs, forgettable).
     *
     * @throws CheckpointException if the file cannot be opened as a SQLite database or is newer than this code
     */
    public static SqliteCheckpointStore open(Path file) {
        Objects.requireNonNull(file, "file");
        SqliteCheckpointStore store = new SqliteCheckpointStore("jdbc:sqlite:" + file.toAbsolutePath());
        try (Connection c = store.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            CheckpointSchema.migrate(c);
        } catch (SQLException e) {
            throw new CheckpointException("cannot open checkpoint database " + file + ": " + e.getMessage(), e, false);
        }
        return store;
    }

    @Override
    public void save(RunState state) {
        String json = RunStateJson.write(state);
        inTransaction("save run " + state.runId(), c -> {
            if (forgotten(c, state.runId())) {
                throw new CheckpointForgottenException(state.runId());
            }
            Optional<Long> stored = version(c, state.runId());
            if (stored.isPresent() && stored.get() >= state.version()) {
                throw new CheckpointConflictException(state.runId(), stored.get(), state.version());
            }
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + TABLE
                    + " (run_id, phase, version, updated_at, state, tenant, usr) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT(run_id) DO UPDATE SET phase = excluded.phase, version = excluded.version,"
                    + " updated_at = excluded.updated_at, state = excluded.state, tenant = excluded.tenant,"
                    + " usr = excluded.usr")) {
                upsert.setString(1, state.runId());
                upsert.setString(2, state.phase().name());
                upsert.setLong(3, state.version());
                upsert.setString(4, state.updatedAt().toString());
                upsert.setString(5, json);
                upsert.setString(6, state.owner().map(Owner::tenant).orElse(null));
                upsert.setString(7, state.owner().map(Owner::user).orElse(null));
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes the user's runs and records their ids as forgotten, in one transaction. */
    @Override
    public long forget(String tenant, String user) {
        long count = inTransaction("forget a user's runs", c -> {
            List<String> erased = new ArrayList<>();
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE
                    + " WHERE tenant = ? AND usr = ? RETURNING run_id")) {
                delete.setString(1, tenant);
                delete.setString(2, user);
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        erased.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement tombstone = c.prepareStatement("INSERT OR IGNORE INTO " + FORGOTTEN
                    + " (run_id) VALUES (?)")) {
                for (String runId : erased) {
                    tombstone.setString(1, runId);
                    tombstone.executeUpdate();
                }
            }
            return (long) erased.size();
        });
        truncateLog();
        return count;
    }

    /** Moves the log into the file and empties it, so the forgotten rows' old pages do not linger there. */
    private void truncateLog() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new CheckpointException("cannot truncate the log after forget: " + e.getMessage(), e, true);
        }
    }

    @Override
    public Optional<RunState> load(String runId) {
        try (Connection c = connect();
             PreparedStatement query = c.prepareStatement("SELECT state FROM " + TABLE + " WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(RunStateJson.read(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CheckpointException("cannot load run " + runId + ": " + e.getMessage(), e, true);
        }
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        try (Connection c = connect(); PreparedStatement query = c.prepareStatement(
                "SELECT run_id FROM " + TABLE + " WHERE phase = ? ORDER BY updated_at, run_id")) {
            query.setString(1, phase.name());
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new CheckpointException("cannot list runs in phase " + phase + ": " + e.getMessage(), e, true);
        }
    }

    @Override
    public void delete(String runId) {
        try (Connection c = connect();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE run_id = ?")) {
            delete.setString(1, runId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new CheckpointException("cannot delete run " + runId + ": " + e.getMessage(), e, true);
        }
    }

    /** Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction, so no other writer interleaves. */
    private <T> T inTransaction(String operation, Work<T> work) {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(c);
                try (Statement s = c.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = c.createStatement()) {
                    s.execute("ROLLBACK");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new CheckpointException("cannot " + operation + ": " + e.getMessage(), e, true);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static boolean forgotten(Connection c, String runId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM " + FORGOTTEN + " WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Optional<Long> version(Connection c, String runId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT version FROM " + TABLE + " WHERE run_id = ?")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA secure_delete=ON"); // forget must erase, not leave content in free pages
        }
        return c;
    }
}
