package dev.praxis.tools.sql;

import dev.praxis.tool.ToolException;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database engines whose read-only mode the SQL tool can switch on and then verify
 * before the first query, and how. Any other engine is refused with an error naming it:
 * a read-only promise Praxis cannot check is not made.
 *
 * <ul>
 *   <li>SQLite: {@code PRAGMA query_only} (no statement may change the file) and the
 *       engine's length limit lowered to the value cap, so no string or blob larger than
 *       the cap can even be built; both restored when the call ends.</li>
 *   <li>PostgreSQL: a read-only transaction ({@code SET TRANSACTION READ ONLY} plus
 *       {@code default_transaction_read_only} for the transaction), checked with
 *       {@code SHOW transaction_read_only}; rolled back at the end, so nothing stays on a
 *       pooled connection.</li>
 *   <li>H2: H2 has no per-connection read-only mode ({@code setReadOnly} is ignored), so the
 *       database itself must be read-only (opened with {@code ACCESS_MODE_DATA=r}, or a
 *       read-only file); checked with {@code READONLY()}. H2 also has no value-length limit
 *       (up to 10^9 characters) and runs in this JVM, so a value it builds lands on this heap:
 *       queries that can build a value far larger than their inputs are refused before they
 *       run ({@link #checkGrowth}).</li>
 * </ul>
 */
enum SqlEngine {
    SQLITE, POSTGRESQL, H2;

    /** The engine behind {@code connection}. */
    static SqlEngine of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("sqlite")) {
            return SQLITE;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new ToolException("the SQL tool refuses the database engine '" + product + "': it has no read-only mode "
                + "Praxis can switch on and verify (supported: SQLite, PostgreSQL, H2 opened read-only)");
    }

    /** Functions that can build a value larger than the sum of their inputs, or from many rows. */
    private static final Pattern GROWING = Pattern.compile("\\b(RECURSIVE|REGEXP_REPLACE|LISTAGG|GROUP_CONCAT|STRING_AGG"
            + "|ARRAY_AGG|JSON_AGG|JSONB_AGG|JSON_OBJECT_AGG|JSONB_OBJECT_AGG|JSON_ARRAYAGG|JSON_OBJECTAGG"
            + "|JSON_GROUP_ARRAY|JSON_GROUP_OBJECT)\\b", Pattern.CASE_INSENSITIVE);
    /** How many concatenations one query may hold on an engine without a length limit. */
    static final int MAX_CONCATENATIONS = 16;
    private static final Pattern CONCATENATION = Pattern.compile("\\|\\||\\bCONCAT(_WS)?\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    /**
     * Refuses, before anything runs, a query ({@code code} reduced by {@link SqlText#codeOnly})
     * that could make an engine without a value-length limit build a huge value in this JVM: on
     * H2, recursion (a value doubled per round), replacement by pattern (a value multiplied per
     * nesting), aggregates that concatenate many rows, and more than {@link #MAX_CONCATENATIONS}
     * concatenations. SQLite caps lengths itself (see {@link #enforce}); PostgreSQL builds values
     * in its own process and cuts them there.
     *
     * @throws ToolException naming the construct, before any value is allocated
     */
    void checkGrowth(String code) {
        if (this != H2) {
            return;
        }
        Matcher growing = GROWING.matcher(code);
        if (growing.find()) {
            throw new ToolException(growing.group(1).toUpperCase(Locale.ROOT) + " is not allowed on H2: H2 runs in this "
                    + "JVM without a value-length limit, and it can build a value far larger than the value cap; no "
                    + "query was run");
        }
        Matcher concatenation = CONCATENATION.matcher(code);
        int count = 0;
        while (concatenation.find()) {
            if (++count > MAX_CONCATENATIONS) {
                throw new ToolException("more than " + MAX_CONCATENATIONS + " concatenations are not allowed on H2: H2 "
                        + "runs in this JVM without a value-length limit; no query was run");
            }
        }
    }

    /**
     * Makes {@code connection} (autocommit off) read-only for the current transaction and
     * checks that the engine says so, capping values at {@code engineLimitBytes} where the engine
     * can. Returns what {@link #release} needs to undo.
     *
     * @throws ToolException when the engine does not confirm read-only mode
     */
    Object enforce(Connection connection, int engineLimitBytes) throws SQLException {
        switch (this) {
            case SQLITE -> {
                boolean wasQueryOnly = "1".equals(single(connection, "PRAGMA query_only"));
                run(connection, "PRAGMA query_only = 1");
                verify("1".equals(single(connection, "PRAGMA query_only")), "PRAGMA query_only is not on");
                Integer lengthBefore = sqliteLength(connection, engineLimitBytes);
                return new int[] {wasQueryOnly ? 1 : 0, lengthBefore == null ? -1 : lengthBefore};
            }
            case POSTGRESQL -> {
                run(connection, "SET TRANSACTION READ ONLY");
                run(connection, "SET LOCAL default_transaction_read_only = on");
                verify("on".equals(single(connection, "SHOW transaction_read_only")), "transaction_read_only is off");
                return null;
            }
            case H2 -> {
                verify("TRUE".equalsIgnoreCase(single(connection, "SELECT READONLY()")),
                        "the H2 database is writable; open it with ACCESS_MODE_DATA=r (H2 has no per-connection read-only mode)");
                return null;
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** Undoes what {@link #enforce} changed on a connection that outlives the call (SQLite settings). */
    void release(Connection connection, Object undo) throws SQLException {
        if (this == SQLITE && undo instanceof int[] before) {
            if (before[1] >= 0) {
                sqliteLength(connection, before[1]);
            }
            if (before[0] == 0) {
                run(connection, "PRAGMA query_only = 0");
            }
        }
    }

    private void verify(boolean readOnly, String what) {
        if (!readOnly) {
            throw new ToolException("the SQL tool could not verify that the " + name() + " connection is read-only ("
                    + what + "); no query was run");
        }
    }

    /** Sets SQLite's length limit through the driver (sqlite-jdbc), returning the previous one; null without it. */
    private static Integer sqliteLength(Connection connection, int limit) throws SQLException {
        try {
            Class<?> sqlite = Class.forName("org.sqlite.SQLiteConnection", false, connection.getClass().getClassLoader());
            if (!connection.isWrapperFor(sqlite)) {
                return null;
            }
            Object raw = connection.unwrap(sqlite);
            Object database = sqlite.getMethod("getDatabase").invoke(raw);
            Method limitMethod = database.getClass().getMethod("limit", int.class, int.class);
            limitMethod.setAccessible(true);
            return (Integer) limitMethod.invoke(database, 0, limit);        // 0 = SQLITE_LIMIT_LENGTH
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ToolException("the SQL tool cannot cap value sizes on this SQLite driver (" + e + ")");
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
