package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryException;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointForgottenException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Run checkpoints in a SQL database (table {@code praxis_checkpoints}, one row per run, the state
 * as {@link RunState#toJson()}). A save is one transaction that replaces the row only if the stored
 * version is older, so two processes resuming one run cannot both continue it; a committed save
 * is durable (SQLite: WAL with full sync). Each row also holds the run's owner (columns {@code tenant}
 * and {@code usr}, indexed) for {@link #forget}, which keeps the erased run ids in
 * {@code praxis_forgotten_runs} so a late save cannot store them again. Thread-safe; obtained
 * from {@link JdbcStore#checkpoints()}.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    /** What {@code version} reports for a run id that was forgotten. */
    private static final long FORGOTTEN = -2;

    private final Sql sql;

    JdbcCheckpointStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(RunState state) {
        Objects.requireNonNull(state, "state");
        String json = state.toJson();
        long stored = call("save run " + state.runId(), c -> {
            // in PostgreSQL each statement sees what committed before it: an update that waited for
            // a forget finds no row, and the insert after it then sees the forget's tombstone
            if (update(c, state, json) == 1 || insert(c, state, json) == 1) {
                return -1L;
            }
            return version(c, state.runId());
        });
        if (stored == FORGOTTEN) {
            throw new CheckpointForgottenException(state.runId());
        }
        if (stored >= 0) {
            throw new CheckpointConflictException(state.runId(), stored, state.version());
        }
    }

    private static int update(Connection c, RunState s, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE praxis_checkpoints SET phase = ?, version = ?,"
                + " updated_at = ?, state = ?, tenant = ?, usr = ? WHERE run_id = ? AND version < ?")) {
            bind(ps, s, json);
            ps.setString(7, s.runId());
            ps.setLong(8, s.version());
            return ps.executeUpdate();
        }
    }

    private static int insert(Connection c, RunState s, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_checkpoints (phase, version, updated_at,"
                + " state, tenant, usr, run_id) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM praxis_forgotten_runs WHERE run_id = ?) ON CONFLICT (run_id) DO NOTHING")) {
            bind(ps, s, json);
            ps.setString(7, s.runId());
            ps.setString(8, s.runId());
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, RunState s, String json) throws SQLException {
        ps.setString(1, s.phase().name());
        ps.setLong(2, s.version());
        ps.setLong(3, s.updatedAt().toEpochMilli());
        ps.setString(4, json);
        ps.setString(5, s.owner().map(Owner::tenant).orElse(null));
        ps.setString(6, s.owner().map(Owner::user).orElse(null));
    }

    /** The stored version of {@code runId}, {@link #FORGOTTEN} if it was forgotten, else 0. */
    private static long version(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM praxis_checkpoints WHERE run_id = ?"
                + " UNION ALL SELECT " + FORGOTTEN + " FROM praxis_forgotten_runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            ps.setString(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public Optional<RunState> load(String runId) {
        String json = call("load run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM praxis_checkpoints WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return json == null ? Optional.empty() : Optional.of(RunState.fromJson(json));
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return call("list runs", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM praxis_checkpoints WHERE phase = ?"
                    + " ORDER BY updated_at, run_id")) {
                ps.setString(1, phase.name());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public void delete(String runId) {
        call("delete run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_checkpoints WHERE run_id = ?")) {
                ps.setString(1, runId);
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes the user's rows and records their run ids as forgotten, in one transaction. */
    @Override
    public long forget(String tenant, String user) {
        return erase("forget a user's runs", c -> {
            List<String> erased = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_checkpoints WHERE tenant = ? AND usr = ?"
                    + " RETURNING run_id")) {
                ps.setString(1, tenant);
                ps.setString(2, user);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        erased.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_forgotten_runs (run_id) VALUES (?)"
                    + " ON CONFLICT (run_id) DO NOTHING")) {
                for (String runId : erased) {
                    ps.setString(1, runId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return (long) erased.size();
        });
    }

    private <T> T erase(String operation, Sql.Work<T> work) {
        try {
            return sql.erase(operation, work);
        } catch (MemoryException e) {
            throw new CheckpointException(e.getMessage(), e, e.isRetriable());
        }
    }

    private <T> T call(String operation, Sql.Work<T> work) {
        try {
            return sql.transaction(operation, work);
        } catch (MemoryException e) {
            throw new CheckpointException(e.getMessage(), e, e.isRetriable());
        }
    }
}
