package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

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

    /**
     * @param readsInTransaction whether reads run in an explicit transaction: PostgreSQL needs one to
     *                           stream large results through a cursor; SQLite must not, since its
     *                           writers' {@code BEGIN IMMEDIATE} would make every read wait for the writer
     */
    Sql(DataSource dataSource, String name, boolean readsInTransaction) {
        this.dataSource = dataSource;
        this.name = name;
        this.readsInTransaction = readsInTransaction;
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
