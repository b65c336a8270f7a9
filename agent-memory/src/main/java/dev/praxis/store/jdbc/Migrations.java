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
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    static int migrate(DataSource dataSource, Dialect dialect) {
        List<List<String>> migrations = dialect.migrations();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS praxis_schema (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
            }
            int current = currentVersion(c);
            if (current > migrations.size()) {
                throw new MemoryException("the database schema is at version " + current + " but this Praxis "
                        + "knows only up to " + migrations.size() + "; upgrade Praxis");
            }
            for (int v = current + 1; v <= migrations.size(); v++) {
                apply(c, v, migrations.get(v - 1));
            }
            return migrations.size();
        } catch (SQLException e) {
            throw new MemoryException("schema migration failed: " + e.getMessage(), e, false);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM praxis_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void apply(Connection c, int version, List<String> statements) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            s.execute("INSERT INTO praxis_schema (version, applied_at) VALUES (" + version + ", "
                    + System.currentTimeMillis() + ")");
            c.commit();
            LOG.info("applied Praxis schema migration {}", version);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
