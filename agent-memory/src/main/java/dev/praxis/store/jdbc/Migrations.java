package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database to the newest schema version of its {@link Dialect}. Each migration runs in
 * its own transaction together with the version bump, so a crash leaves the schema at a whole
 * version. A database newer than this code is refused rather than guessed at.
 *
 * <p>Stores opened at the same time from several threads or processes migrate once: each
 * transaction first takes the database's migration lock (PostgreSQL: a transaction-scoped
 * advisory lock; SQLite: the write lock, which its {@code BEGIN IMMEDIATE} takes at once) and reads
 * the version under it, so a second opener waits and then finds the schema current.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String VERSION_TABLE =
            "CREATE TABLE IF NOT EXISTS praxis_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";

    private Migrations() {
    }

    static int migrate(DataSource dataSource, Dialect dialect) {
        List<List<String>> migrations = dialect.migrations();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            try {
                while (step(c, dialect, migrations)) {
                    // one migration per transaction, each under the lock
                }
            } finally {
                c.setAutoCommit(auto);
            }
            return migrations.size();
        } catch (SQLException e) {
            throw new MemoryException("schema migration failed: " + e.getMessage(), e, false);
        }
    }

    /** Applies the next migration under the lock; false when the schema is current. */
    private static boolean step(Connection c, Dialect dialect, List<List<String>> migrations) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            dialect.lockForMigration(s, VERSION_TABLE);
            s.execute(VERSION_TABLE);
            int current = currentVersion(s);
            if (current > migrations.size()) {
                throw new MemoryException("the database schema is at version " + current + " but this Praxis "
                        + "knows only up to " + migrations.size() + "; upgrade Praxis");
            }
            if (current == migrations.size()) {
                c.commit();
                return false;
            }
            int version = current + 1;
            for (String sql : migrations.get(version - 1)) {
                s.execute(sql);
            }
            s.execute("INSERT INTO praxis_schema (version, applied_at) VALUES (" + version + ", "
                    + System.currentTimeMillis() + ")");
            c.commit();
            LOG.info("applied Praxis schema migration {}", version);
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static int currentVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM praxis_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
