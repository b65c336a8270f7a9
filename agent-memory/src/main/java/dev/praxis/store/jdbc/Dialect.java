package dev.praxis.store.jdbc;

import java.util.List;

/**
 * What differs between the SQL databases Praxis stores in: column types and the versioned
 * schema migrations. Migration {@code i} (from 1) moves the schema from version {@code i-1} to
 * {@code i}; released migrations are never edited, only appended.
 */
public enum Dialect {

    /** SQLite 3 (WAL, one file). */
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "json_extract(state, '$.%s.%s')", " WHERE json_valid(state)"),

    /** PostgreSQL 12 or newer. */
    POSTGRES("BIGSERIAL PRIMARY KEY", "BYTEA", "(state::jsonb #>> '{%s,%s}')", "");

    private final String serialKey;
    private final String blob;
    /** Reads a text field of an object in the JSON column {@code state}; the object and field fill the blanks. */
    private final String stateField;
    /** Limits a backfill to rows whose state is JSON, where the dialect can tell. */
    private final String validState;

    Dialect(String serialKey, String blob, String stateField, String validState) {
        this.serialKey = serialKey;
        this.blob = blob;
        this.stateField = stateField;
        this.validState = validState;
    }

    /** A key for PostgreSQL's advisory lock around migrations ("praxis" in ASCII). */
    private static final long MIGRATION_LOCK = 0x707261786973L;

    /**
     * Makes the open transaction of {@code s}'s connection the only one migrating this database
     * until it ends. SQLite: a write to the version table, which takes the database's write lock
     * now (already held when the connection began with {@code BEGIN IMMEDIATE}), so two openers
     * cannot both read an old version; PostgreSQL: a transaction-scoped advisory lock, taken
     * before the version table is created (concurrent {@code CREATE TABLE IF NOT EXISTS} can fail
     * there).
     */
    void lockForMigration(java.sql.Statement s, String versionTable) throws java.sql.SQLException {
        if (this == POSTGRES) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        } else {
            s.execute(versionTable);
            s.execute("DELETE FROM praxis_schema WHERE version < 0");
        }
    }

    /** The migrations in order; each is a list of statements run in one transaction. */
    public List<List<String>> migrations() {
        return List.of(List.of(
                "CREATE TABLE praxis_vectors ("
                        + " collection VARCHAR(40) NOT NULL, id TEXT NOT NULL,"
                        + " tenant TEXT NOT NULL, usr TEXT NOT NULL, agent TEXT NOT NULL, session TEXT NOT NULL,"
                        + " document_id TEXT NOT NULL, content TEXT NOT NULL, metadata TEXT NOT NULL,"
                        + " dims INTEGER NOT NULL, vector " + blob + " NOT NULL, expires_at BIGINT NOT NULL,"
                        + " PRIMARY KEY (collection, id))",
                "CREATE INDEX praxis_vectors_document ON praxis_vectors"
                        + " (collection, tenant, usr, agent, session, document_id)",
                "CREATE INDEX praxis_vectors_user ON praxis_vectors (tenant, usr)",
                "CREATE TABLE praxis_turns ("
                        + " seq " + serialKey + ","
                        + " tenant TEXT NOT NULL, usr TEXT NOT NULL, agent TEXT NOT NULL, session TEXT NOT NULL,"
                        + " messages TEXT NOT NULL, message_count INTEGER NOT NULL,"
                        + " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
                "CREATE INDEX praxis_turns_scope ON praxis_turns (tenant, usr, agent, session, seq)"),
                List.of(
                "CREATE TABLE praxis_checkpoints ("
                        + " run_id TEXT PRIMARY KEY, phase VARCHAR(40) NOT NULL, version BIGINT NOT NULL,"
                        + " updated_at BIGINT NOT NULL, state TEXT NOT NULL)",
                "CREATE INDEX praxis_checkpoints_phase ON praxis_checkpoints (phase, updated_at)"),
                List.of(
                "ALTER TABLE praxis_checkpoints ADD COLUMN tenant TEXT",
                "ALTER TABLE praxis_checkpoints ADD COLUMN usr TEXT",
                "UPDATE praxis_checkpoints SET tenant = " + owner("tenant") + ", usr = " + owner("user") + validState,
                "CREATE INDEX praxis_checkpoints_owner ON praxis_checkpoints (tenant, usr)",
                "CREATE TABLE praxis_forgotten_runs (run_id TEXT PRIMARY KEY)"),
                List.of(
                "CREATE TABLE praxis_trajectories ("
                        + " seq " + serialKey + ", id TEXT NOT NULL UNIQUE, origin VARCHAR(20) NOT NULL,"
                        + " started_at BIGINT NOT NULL, body TEXT NOT NULL)",
                "CREATE TABLE praxis_trajectory_feedback ("
                        + " seq " + serialKey + ", trajectory_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,"
                        + " comment TEXT NOT NULL, at_millis BIGINT NOT NULL)",
                "CREATE INDEX praxis_trajectory_feedback_run ON praxis_trajectory_feedback (trajectory_id, seq)"),
                this == SQLITE ? SQLITE_CHECKPOINT_FILE_IMPORT : List.of());
    }

    /**
     * SQLite 5: takes in the runs of the removed {@code SqliteCheckpointStore}, whose tables
     * ({@code praxis_run_state}, ISO-8601 times; {@code praxis_forgotten_run}) may share the file.
     * A run in both keeps the newer version; a forgotten run stays forgotten. The old tables are
     * created empty where missing so that one script serves every file, then dropped.
     */
    private static final List<String> SQLITE_CHECKPOINT_FILE_IMPORT = List.of(
            "CREATE TABLE IF NOT EXISTS praxis_run_state (run_id TEXT PRIMARY KEY, phase TEXT NOT NULL,"
                    + " version INTEGER NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS praxis_forgotten_run (run_id TEXT PRIMARY KEY)",
            "INSERT INTO praxis_forgotten_runs (run_id) SELECT run_id FROM praxis_forgotten_run WHERE true"
                    + " ON CONFLICT (run_id) DO NOTHING",
            "INSERT INTO praxis_checkpoints (run_id, phase, version, updated_at, state, tenant, usr)"
                    + " SELECT run_id, phase, version,"
                    + " CAST(ROUND((julianday(updated_at) - 2440587.5) * 86400000.0) AS INTEGER), state,"
                    + " " + SQLITE.jsonOwner("tenant") + ", " + SQLITE.jsonOwner("user")
                    + " FROM praxis_run_state WHERE run_id NOT IN (SELECT run_id FROM praxis_forgotten_runs)"
                    + " ON CONFLICT (run_id) DO UPDATE SET phase = excluded.phase, version = excluded.version,"
                    + " updated_at = excluded.updated_at, state = excluded.state, tenant = excluded.tenant,"
                    + " usr = excluded.usr WHERE excluded.version > praxis_checkpoints.version",
            "DROP TABLE praxis_run_state",
            "DROP TABLE praxis_forgotten_run");

    /** {@link #owner}, or null where the state is not JSON (SQLite would fail the statement). */
    private String jsonOwner(String field) {
        return "CASE WHEN json_valid(state) THEN " + owner(field) + " END";
    }

    /** A run's owner field from its state: the recorded owner, else (states of older versions) the session's. */
    private String owner(String field) {
        return "COALESCE(" + stateField.formatted("owner", field) + ", " + stateField.formatted("scope", field) + ")";
    }
}
