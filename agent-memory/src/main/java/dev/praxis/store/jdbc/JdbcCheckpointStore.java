package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryException;
import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.state.RunStateJson;

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
 * as {@link RunStateJson}). A save is one transaction that replaces the row only if the stored
 * version is older, so two processes resuming one run cannot both continue it; a committed save
 * is durable (SQLite: WAL with full sync). Thread-safe; obtained from {@link JdbcStore#checkpoints()}.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private final Sql sql;

    JdbcCheckpointStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void save(RunState state) {
        Objects.requireNonNull(state, "state");
        String json = RunStateJson.write(state);
        long stored = call("save run " + state.runId(), c -> {
            if (update(c, state, json) == 1 || insert(c, state, json) == 1) {
                return -1L;
            }
            return version(c, state.runId());
        });
        if (stored >= 0) {
            throw new CheckpointConflictException(state.runId(), stored, state.version());
        }
    }

    private static int update(Connection c, RunState s, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE praxis_checkpoints SET phase = ?, version = ?,"
                + " updated_at = ?, state = ? WHERE run_id = ? AND version < ?")) {
            ps.setString(1, s.phase().name());
            ps.setLong(2, s.version());
            ps.setLong(3, s.updatedAt().toEpochMilli());
            ps.setString(4, json);
            ps.setString(5, s.runId());
            ps.setLong(6, s.version());
            return ps.executeUpdate();
        }
    }

    private static int insert(Connection c, RunState s, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_checkpoints (run_id, phase, version,"
                + " updated_at, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING")) {
            ps.setString(1, s.runId());
            ps.setString(2, s.phase().name());
            ps.setLong(3, s.version());
            ps.setLong(4, s.updatedAt().toEpochMilli());
            ps.setString(5, json);
            return ps.executeUpdate();
        }
    }

    private static long version(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM praxis_checkpoints WHERE run_id = ?")) {
            ps.setString(1, runId);
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
        return json == null ? Optional.empty() : Optional.of(RunStateJson.read(json));
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

    private <T> T call(String operation, Sql.Work<T> work) {
        try {
            return sql.transaction(operation, work);
        } catch (MemoryException e) {
            throw new CheckpointException(e.getMessage(), e, e.isRetriable());
        }
    }
}
