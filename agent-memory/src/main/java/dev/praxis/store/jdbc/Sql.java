package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

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

    /** {@code (tenant=? AND usr=? AND agent=? AND session=?) OR ...} for {@code count} scopes. */
    static String scopeCondition(int count) {
        return "(" + String.join(" OR ", java.util.Collections.nCopies(count,
                "(tenant = ? AND usr = ? AND agent = ? AND session = ?)")) + ")";
    }

    /** Binds scopes from parameter {@code index}; returns the next free index. */
    static int bindScopes(PreparedStatement ps, int index, List<MemoryScope> scopes) throws SQLException {
        int i = index;
        for (MemoryScope s : scopes) {
            ps.setString(i++, s.tenant());
            ps.setString(i++, s.user());
            ps.setString(i++, s.agent());
            ps.setString(i++, s.session());
        }
        return i;
    }
}
