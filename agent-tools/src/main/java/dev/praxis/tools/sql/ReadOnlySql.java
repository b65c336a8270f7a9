package dev.praxis.tools.sql;

import dev.praxis.tool.ToolException;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement check of the SQL tool: one statement that starts with {@code SELECT},
 * {@code WITH}, {@code VALUES} or {@code EXPLAIN}, contains no write or administrative keyword
 * outside string literals, quoted identifiers and comments, and calls only functions on the
 * allowlist of {@link SqlFunctions}. It is the first of three layers: the engine is also put
 * into a read-only mode and checked before the query runs, and the transaction is always
 * rolled back.
 *
 * <p>The check is deliberately strict: a harmless query that mentions {@code update} as a bare
 * column name is refused too (quote such identifiers).
 */
public final class ReadOnlySql {

    private static final Set<String> FIRST = Set.of("SELECT", "WITH", "VALUES", "EXPLAIN");
    private static final Set<String> FORBIDDEN = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
            "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "GRANT", "REVOKE", "ATTACH", "DETACH", "PRAGMA", "VACUUM",
            "REINDEX", "ANALYZE", "COPY", "CALL", "EXEC", "EXECUTE", "DO", "LOCK", "SET", "RESET", "INTO", "COMMIT",
            "ROLLBACK", "SAVEPOINT", "RELEASE", "BEGIN", "PREPARE", "DEALLOCATE", "LISTEN", "NOTIFY", "LOAD", "IMPORT",
            "SHUTDOWN", "CHECKPOINT", "CLUSTER", "COMMENT", "SECURITY", "OUTFILE", "DUMPFILE");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final int MAX_CHARS = 20_000;

    private ReadOnlySql() {
    }

    /**
     * Checks {@code sql}.
     *
     * @throws ToolException naming the first problem found
     */
    public static void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ToolException("the query is empty");
        }
        if (sql.length() > MAX_CHARS) {
            throw new ToolException("the query is longer than " + MAX_CHARS + " characters");
        }
        String code = SqlText.codeOnly(sql).strip();
        while (code.endsWith(";")) {
            code = code.substring(0, code.length() - 1).strip();
        }
        if (code.contains(";")) {
            throw new ToolException("only one statement is allowed; remove the ';' between statements");
        }
        Matcher words = WORD.matcher(code);
        if (!words.find() || !FIRST.contains(words.group().toUpperCase(Locale.ROOT))) {
            throw new ToolException("only read-only queries are allowed: start with SELECT, WITH, VALUES or EXPLAIN");
        }
        SqlFunctions.check(code);
        words.reset();
        while (words.find()) {
            String word = words.group().toUpperCase(Locale.ROOT);
            if (FORBIDDEN.contains(word)) {
                throw new ToolException("'" + word + "' is not allowed in a read-only query");
            }
        }
    }
}
