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

    Sql(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
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

    /** Runs read-only {@code work}. */
    <T> T read(String operation, Work<T> work) {
        return transaction(operation, work);
    }

    private MemoryException failure(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean retriable = state.startsWith("08") || state.startsWith("40") || e.getErrorCode() == 5;
        return new MemoryException(name + ": " + operation + " failed: " + e.getMessage(), e, retriable);
    }
}
