package dev.praxis.store.jdbc;

import dev.praxis.memory.MemoryScope;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The SQL condition that admits rows of any of some scopes (columns tenant, usr, agent, session), and its binding. */
public final class ScopeSql {

    private ScopeSql() {
    }

    /** {@code (tenant=? AND usr=? AND agent=? AND session=?) OR ...} for {@code count} scopes. */
    public static String scopeCondition(int count) {
        return "(" + String.join(" OR ", java.util.Collections.nCopies(count,
                "(tenant = ? AND usr = ? AND agent = ? AND session = ?)")) + ")";
    }

    /** Binds scopes from parameter {@code index}; returns the next free index. */
    public static int bindScopes(PreparedStatement ps, int index, List<MemoryScope> scopes) throws SQLException {
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
