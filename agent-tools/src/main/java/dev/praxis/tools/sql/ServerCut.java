package dev.praxis.tools.sql;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.StringJoiner;

/**
 * Wraps a query so that the PostgreSQL server cuts text and binary values before they
 * are sent: {@code SELECT LEFT(CAST(q.c1 AS VARCHAR), n), ... FROM (query) AS q(c1, ...)}.
 * The driver then never receives (and so never buffers) a value longer than the cap.
 */
final class ServerCut {

    private ServerCut() {
    }

    static String wrap(String sql, ResultSetMetaData meta, int maxValueBytes) throws SQLException {
        String inner = sql.strip();
        while (inner.endsWith(";")) {
            inner = inner.substring(0, inner.length() - 1).strip();
        }
        int keep = maxValueBytes + 1;
        StringJoiner select = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            String column = "praxis_q.praxis_c" + c;
            names.add("praxis_c" + c);
            select.add(switch (meta.getColumnType(c)) {
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                        "SUBSTRING(" + column + " FROM 1 FOR " + keep + ")";
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                        Types.LONGNVARCHAR, Types.NCLOB, Types.SQLXML, Types.OTHER, Types.JAVA_OBJECT, Types.ARRAY,
                        Types.STRUCT -> "LEFT(CAST(" + column + " AS VARCHAR), " + keep + ")";
                default -> column;
            });
        }
        return "SELECT " + select + " FROM (" + inner + "\n) AS praxis_q(" + names + ")";
    }
}
