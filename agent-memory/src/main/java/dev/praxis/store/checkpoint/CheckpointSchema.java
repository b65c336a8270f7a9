package dev.praxis.store.checkpoint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema of {@link SqliteCheckpointStore}'s file, kept in SQLite's
 * {@code user_version}. Version 0 is the first release's table (created if missing); each
 * migration runs in one {@code BEGIN IMMEDIATE} transaction with its version bump, so processes
 * opening the file together migrate it once and a crash leaves a whole version. Migrations are
 * only ever appended.
 */
final class CheckpointSchema {

    static final String TABLE = "praxis_run_state";
    static final String FORGOTTEN = "praxis_forgotten_run";

    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            // 1: the run's owner (recorded owner, else, in states of older versions, the session's) for forget
            "ALTER TABLE " + TABLE + " ADD COLUMN tenant TEXT",
            "ALTER TABLE " + TABLE + " ADD COLUMN usr TEXT",
            "UPDATE " + TABLE + " SET tenant = " + owner("tenant") + ", usr = " + owner("user")
                    + " WHERE json_valid(state)",
            "CREATE INDEX " + TABLE + "_owner ON " + TABLE + " (tenant, usr)",
            "CREATE TABLE " + FORGOTTEN + " (run_id TEXT PRIMARY KEY)"));

    private CheckpointSchema() {
    }

    /** Brings the file behind {@code c} to the newest version; refuses a file newer than this code. */
    static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (run_id TEXT PRIMARY KEY, phase TEXT NOT NULL,"
                        + " version INTEGER NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_phase ON " + TABLE + " (phase, updated_at)");
                int version = version(s);
                if (version > MIGRATIONS.size()) {
                    throw new SQLException("the checkpoint file is at schema version " + version
                            + " but this Praxis knows only up to " + MIGRATIONS.size() + "; upgrade Praxis");
                }
                for (int v = version + 1; v <= MIGRATIONS.size(); v++) {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + v);
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static int version(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String owner(String field) {
        return "COALESCE(json_extract(state, '$.owner." + field + "'), json_extract(state, '$.scope." + field + "'))";
    }
}
