package dev.praxis.tools.sql;

import dev.praxis.tool.ToolException;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function allowlist of the SQL tool: every name followed by {@code (} in a query must be
 * a SQL keyword that takes parentheses, a type name, a column list (of a CTE or an alias), or
 * a function on the list below. The list holds aggregates, window functions and pure
 * string, number, date and JSON functions that exist in SQLite, PostgreSQL or H2. Engine
 * functions that reach files, the network, the server's settings or other SQL
 * ({@code FILE_READ}, {@code CSVWRITE}, {@code LINK_SCHEMA}, {@code pg_read_file},
 * {@code lo_import}, {@code dblink}, {@code query_to_xml}, {@code load_extension},
 * {@code readfile}...) are not on it, and neither are functions that blow a small input up
 * into a huge value ({@code repeat}, {@code lpad}, {@code rpad}, {@code space},
 * {@code zeroblob}, {@code randomblob}, {@code printf}, {@code format}).
 */
final class SqlFunctions {

    static final Set<String> ALLOWED = Set.of(
            // aggregates
            "COUNT", "SUM", "AVG", "MIN", "MAX", "TOTAL", "GROUP_CONCAT", "STRING_AGG", "LISTAGG", "ARRAY_AGG",
            "BOOL_AND", "BOOL_OR", "EVERY", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP",
            "MEDIAN", "PERCENTILE_CONT", "PERCENTILE_DISC", "MODE", "CORR", "COVAR_POP", "COVAR_SAMP",
            // window functions
            "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE",
            "LAST_VALUE", "NTH_VALUE",
            // numbers
            "ABS", "ROUND", "CEIL", "CEILING", "FLOOR", "MOD", "POWER", "POW", "SQRT", "EXP", "LN", "LOG", "LOG10",
            "SIGN", "TRUNC", "TRUNCATE", "GREATEST", "LEAST", "PI", "DIV",
            // null handling and conditions
            "COALESCE", "IFNULL", "NULLIF", "NVL", "IIF", "DECODE",
            // text
            "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "OCTET_LENGTH", "LOWER", "UPPER", "LCASE", "UCASE", "TRIM",
            "LTRIM", "RTRIM", "BTRIM", "SUBSTR", "SUBSTRING", "LEFT", "RIGHT", "POSITION", "INSTR", "STRPOS", "LOCATE",
            "REPLACE", "CONCAT", "CONCAT_WS", "INITCAP", "REVERSE", "SPLIT_PART", "STARTS_WITH", "UNICODE", "ASCII",
            "CHAR", "CHR", "HEX", "LIKE", "GLOB", "REGEXP_LIKE", "REGEXP_REPLACE", "REGEXP_SUBSTR", "TRANSLATE", "SOUNDEX",
            // dates
            "DATE", "TIME", "DATETIME", "JULIANDAY", "STRFTIME", "UNIXEPOCH", "TIMEDIFF", "DATE_TRUNC", "DATE_PART",
            "DATEADD", "DATEDIFF", "EXTRACT", "NOW", "AGE", "TO_CHAR", "TO_DATE", "TO_TIMESTAMP", "TO_NUMBER",
            "MAKE_DATE", "MAKE_TIMESTAMP", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "DAYOFWEEK",
            "DAYOFYEAR", "WEEK", "QUARTER", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP",
            // JSON
            "JSON", "JSON_EXTRACT", "JSON_ARRAY", "JSON_OBJECT", "JSON_ARRAY_LENGTH", "JSON_TYPE", "JSON_VALID",
            "JSON_EACH", "JSON_TREE", "JSON_VALUE", "JSON_QUERY", "JSONB_EXTRACT_PATH", "JSONB_EXTRACT_PATH_TEXT",
            "JSON_EXTRACT_PATH", "JSON_EXTRACT_PATH_TEXT", "JSONB_ARRAY_LENGTH", "JSON_BUILD_OBJECT", "JSON_BUILD_ARRAY",
            "JSONB_BUILD_OBJECT", "JSONB_BUILD_ARRAY", "JSON_AGG", "JSONB_AGG", "JSON_OBJECT_AGG", "JSONB_OBJECT_AGG",
            "JSON_GROUP_ARRAY", "JSON_GROUP_OBJECT",
            // types and arrays
            "TYPEOF", "CARDINALITY", "ARRAY_LENGTH", "UNNEST");

    /** Keywords and type names that may stand before a parenthesis without being a call. */
    private static final Set<String> SYNTAX = Set.of("IN", "EXISTS", "VALUES", "AS", "FROM", "JOIN", "ON", "USING",
            "WHERE", "AND", "OR", "NOT", "SELECT", "BY", "OVER", "FILTER", "WITHIN", "ANY", "ALL", "SOME", "WHEN",
            "THEN", "ELSE", "CASE", "END", "IS", "BETWEEN", "UNION", "INTERSECT", "EXCEPT", "ROW", "ARRAY", "LATERAL",
            "HAVING", "RECURSIVE", "DISTINCT", "WITH", "LIMIT", "OFFSET", "FETCH", "ESCAPE", "CAST", "INTERVAL",
            "MATERIALIZED", "EXPLAIN", "PARTITION", "ORDER", "GROUP", "WINDOW", "ROWS", "RANGE", "GROUPS", "LIKE",
            "VARCHAR", "CHARACTER", "NCHAR", "NVARCHAR", "DECIMAL", "NUMERIC", "NUMBER", "FLOAT", "DOUBLE", "TIMESTAMP",
            "VARBINARY", "BINARY", "BIT", "INTEGER", "INT", "BIGINT", "SMALLINT", "REAL", "TEXT", "BOOLEAN", "TRUE", "FALSE",
            "NULL", "ASC", "DESC", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL");

    private static final Pattern NAME = Pattern.compile("(\"q\"|[`\\]]|[A-Za-z_][A-Za-z0-9_$]*)\\s*\\(");

    private SqlFunctions() {
    }

    /**
     * Refuses {@code code} (SQL reduced by {@link SqlText#codeOnly}) when it calls a function
     * that is not on the allowlist.
     *
     * @throws ToolException naming the function
     */
    static void check(String code) {
        Matcher call = NAME.matcher(code);
        while (call.find()) {
            String name = call.group(1);
            if (name.equals("\"q\"") || name.equals("`") || name.equals("]")) {
                throw new ToolException("quoted function names are not allowed; call functions by their plain name");
            }
            String upper = name.toUpperCase(Locale.ROOT);
            if (ALLOWED.contains(upper) || SYNTAX.contains(upper) || isColumnList(code, call.start(), call.end() - 1)) {
                continue;
            }
            throw new ToolException("the function " + name.toLowerCase(Locale.ROOT) + "() is not allowed in a read-only "
                    + "query (allowed: aggregates, window functions and plain text, number, date and JSON functions)");
        }
    }

    /**
     * {@code alias(a, b)} right after AS, or the first CTE header {@code WITH [RECURSIVE] name(a, b) AS (}. A later
     * CTE's column list (after a comma) is refused: after a comma it cannot be told apart from a PostgreSQL record
     * function in a FROM list ({@code , dblink(...) AS (a text)}).
     */
    private static boolean isColumnList(String code, int nameStart, int open) {
        String before = code.substring(Math.max(0, nameStart - 20), nameStart).toUpperCase(Locale.ROOT);
        if (before.matches("(?s).*\\bAS\\s+")) {
            return true;
        }
        if (!before.matches("(?s).*\\b(WITH|RECURSIVE)\\s+")) {
            return false;
        }
        int close = matching(code, open);
        return close > 0 && code.substring(close + 1).stripLeading().toUpperCase(Locale.ROOT)
                .matches("(?s)AS\\s*(NOT\\s+)?(MATERIALIZED\\s*)?\\(.*");
    }

    private static int matching(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

}
