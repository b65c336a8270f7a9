package dev.praxis.store.jdbc;

import dev.praxis.env.Feedback;
import dev.praxis.env.Trajectory;
import dev.praxis.env.TrajectoryStore;
import dev.praxis.env.UnknownRunException;
import dev.praxis.memory.MemoryException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Trajectories in a SQL database: table {@code praxis_trajectories} (one row per run, the trajectory
 * as {@link Trajectory#toJson()} without its feedback, in the order runs were first saved) and
 * {@code praxis_trajectory_feedback} (one row per judgement, appended, so concurrent feedback on one
 * run is never lost). A save replaces the run's row and its feedback in one transaction. The text is
 * stored as it is: wrap this store in {@link dev.praxis.env.EncryptedTrajectoryStore} to encrypt it.
 * Thread-safe; obtained from {@link JdbcStore#trajectories()}.
 */
public final class JdbcTrajectoryStore implements TrajectoryStore {

    private final Sql sql;
    private final Clock clock;

    JdbcTrajectoryStore(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public void save(Trajectory trajectory) {
        Objects.requireNonNull(trajectory, "trajectory");
        Trajectory body = new Trajectory(trajectory.id(), trajectory.task(), trajectory.origin(), trajectory.steps(),
                List.of(), trajectory.startedAt(), trajectory.duration(), trajectory.session());
        String json = body.toJson();
        sql.transaction("save trajectory " + trajectory.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_trajectories (id, origin, started_at,"
                    + " body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET origin = excluded.origin,"
                    + " started_at = excluded.started_at, body = excluded.body")) {
                ps.setString(1, trajectory.id());
                ps.setString(2, trajectory.origin().name());
                ps.setLong(3, trajectory.startedAt().toEpochMilli());
                ps.setString(4, json);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM praxis_trajectory_feedback WHERE trajectory_id = ?")) {
                ps.setString(1, trajectory.id());
                ps.executeUpdate();
            }
            for (Feedback f : trajectory.feedback()) {
                insert(c, trajectory.id(), f);
            }
            return null;
        });
    }

    @Override
    public Optional<Trajectory> find(String id) {
        return sql.read("find trajectory " + id, c -> find(c, id));
    }

    /**
     * {@inheritDoc}
     *
     * @throws MemoryException if the database fails
     */
    @Override
    public Trajectory feedback(String runId, double score, String comment) {
        Feedback feedback = new Feedback(score, comment == null ? "" : comment, clock.instant());
        return sql.transaction("give feedback on " + runId, c -> {
            if (find(c, runId).isEmpty()) {
                throw new UnknownRunException(runId);
            }
            insert(c, runId, feedback);
            return find(c, runId).orElseThrow();
        });
    }

    @Override
    public List<Trajectory> all() {
        return sql.read("list trajectories", c -> {
            Map<String, List<Feedback>> feedback = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT trajectory_id, score, comment, at_millis"
                    + " FROM praxis_trajectory_feedback ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    feedback.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(feedback(rs, 2));
                }
            }
            List<Trajectory> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM praxis_trajectories ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(withFeedback(parse(rs.getString(1), rs.getString(2)),
                            feedback.getOrDefault(rs.getString(1), List.of())));
                }
            }
            return all;
        });
    }

    private static Optional<Trajectory> find(Connection c, String id) throws SQLException {
        String body;
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM praxis_trajectories WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                body = rs.getString(1);
            }
        }
        List<Feedback> feedback = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT score, comment, at_millis FROM praxis_trajectory_feedback"
                + " WHERE trajectory_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    feedback.add(feedback(rs, 1));
                }
            }
        }
        return Optional.of(withFeedback(parse(id, body), feedback));
    }

    private static void insert(Connection c, String id, Feedback f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_trajectory_feedback (trajectory_id, score,"
                + " comment, at_millis) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setDouble(2, f.score());
            ps.setString(3, f.comment());
            ps.setLong(4, f.at().toEpochMilli());
            ps.executeUpdate();
        }
    }

    private static Feedback feedback(ResultSet rs, int first) throws SQLException {
        return new Feedback(rs.getDouble(first), rs.getString(first + 1), Instant.ofEpochMilli(rs.getLong(first + 2)));
    }

    private static Trajectory parse(String id, String body) {
        try {
            return Trajectory.fromJson(body);
        } catch (IllegalArgumentException e) {
            throw new MemoryException("stored trajectory " + id + " cannot be read: " + e.getMessage(), e, false);
        }
    }

    private static Trajectory withFeedback(Trajectory t, List<Feedback> feedback) {
        return new Trajectory(t.id(), t.task(), t.origin(), t.steps(), feedback, t.startedAt(), t.duration(),
                t.session());
    }
}
