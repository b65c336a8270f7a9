package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Connection and transaction handling shared by the JDBC memories; SQL errors become {@link MemoryException}. */
final class Sql {

    /** Work done with one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String name;
    private final boolean readsInTransaction;
    private final boolean walFile;

    /**
     * Reads run in an explicit transaction in PostgreSQL, which needs one to stream large results
     * through a cursor, and not in SQLite, whose writers' {@code BEGIN IMMEDIATE} would make every
     * read wait for the writer.
     */
    Sql(DataSource dataSource, String name, Dialect dialect) {
        this.dataSource = dataSource;
        this.name = name;
        this.readsInTransaction = dialect == Dialect.POSTGRES;
        this.walFile = dialect == Dialect.SQLITE;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs {@code work}, which deletes a person's data, in one transaction; then, in SQLite, moves
     * the write-ahead log into the database file and truncates it, so the deleted rows' old page
     * images do not linger in the log (the file itself overwrites freed content: secure_delete).
     */
    <T> T erase(String operation, Work<T> work) {
        T result = transaction(operation, work);
        if (walFile) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                throw failure(operation + " (truncating the log)", e);
            }
        }
        return result;
    }

    /** Runs read-only {@code work}; each statement sees a consistent snapshot. */
    <T> T read(String operation, Work<T> work) {
        if (readsInTransaction) {
            return transaction(operation, work);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private MemoryException failure(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean retriable = state.startsWith("08") || state.startsWith("40") || e.getErrorCode() == 5;
        return new MemoryException(name + ": " + operation + " failed: " + e.getMessage(), e, retriable);
    }
}
