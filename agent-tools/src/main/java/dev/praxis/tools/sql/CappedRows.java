package dev.praxis.tools.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.tools.internal.Args;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Reads a result into JSON under three limits enforced while reading: rows, bytes per value
 * and total bytes. Text and binary values are read through {@code getCharacterStream} /
 * {@code getBinaryStream} and never past the value cap, so a huge value is never built on
 * this side (what the driver itself buffers is kept small by {@link SqlEngine} and the
 * server-side cut in {@link SqlTools}).
 */
final class CappedRows {

    private final int maxRows;
    private final int maxValueBytes;
    private final long maxTotalBytes;

    CappedRows(int maxRows, int maxValueBytes, long maxTotalBytes) {
        this.maxRows = maxRows;
        this.maxValueBytes = maxValueBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    ObjectNode read(ResultSet rows, List<String> labels) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        ObjectNode result = Args.JSON.createObjectNode();
        ArrayNode columns = result.putArray("columns");
        labels.forEach(columns::add);
        ArrayNode data = result.putArray("rows");
        long total = 0;
        String cut = null;
        boolean cutValue = false;
        while (cut == null && rows.next()) {
            if (data.size() == maxRows) {
                cut = "only the first " + maxRows + " rows are shown; add WHERE, LIMIT or aggregation";
                break;
            }
            ArrayNode row = Args.JSON.createArrayNode();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Cell cell = cell(rows, c, meta.getColumnType(c));
                cutValue |= cell.cut();
                total += cell.bytes();
                row.add(cell.json());
            }
            if (total > maxTotalBytes) {
                cut = "the result passed " + maxTotalBytes + " bytes after " + data.size() + " rows; select fewer columns or rows";
            } else {
                data.add(row);
            }
        }
        result.put("row_count", data.size());
        result.put("truncated", cut != null);
        if (cut != null) {
            result.put("note", cut);
        }
        if (cutValue) {
            result.put("values_cut", "values longer than " + maxValueBytes + " bytes end with ...(cut)");
        }
        return result;
    }

    private record Cell(com.fasterxml.jackson.databind.JsonNode json, long bytes, boolean cut) {
    }

    private Cell cell(ResultSet rows, int c, int type) throws SQLException {
        var json = Args.JSON.getNodeFactory();
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                try (InputStream in = rows.getBinaryStream(c)) {
                    if (in == null) {
                        return new Cell(json.nullNode(), 4, false);
                    }
                    byte[] head = in.readNBytes(maxValueBytes + 1);
                    boolean cut = head.length > maxValueBytes;
                    String text = "(" + (cut ? "more than " + maxValueBytes : String.valueOf(head.length)) + " bytes of binary data)";
                    return new Cell(json.textNode(text), text.length(), cut);
                } catch (IOException e) {
                    throw new SQLException("cannot read a binary value: " + e.getMessage(), e);
                }
            }
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.NCLOB, Types.SQLXML, Types.OTHER, Types.JAVA_OBJECT, Types.ARRAY,
                    Types.STRUCT -> {
                return text(rows, c);
            }
            default -> {
                Object value = rows.getObject(c);
                if (value == null) {
                    return new Cell(json.nullNode(), 4, false);
                }
                if (value instanceof Boolean b) {
                    return new Cell(json.booleanNode(b), 5, false);
                }
                if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                    return new Cell(json.numberNode(((Number) value).longValue()), 20, false);
                }
                if (value instanceof Number n) {
                    String digits = n.toString();
                    return new Cell(json.numberNode(new BigDecimal(digits)), digits.length(), false);
                }
                return text(rows, c);
            }
        }
    }

    private Cell text(ResultSet rows, int c) throws SQLException {
        try (Reader in = rows.getCharacterStream(c)) {
            if (in == null) {
                return new Cell(Args.JSON.getNodeFactory().nullNode(), 4, false);
            }
            StringBuilder text = new StringBuilder();
            long bytes = 0;
            char[] buffer = new char[Math.min(8192, maxValueBytes + 1)];
            boolean cut = false;
            for (int n = in.read(buffer); n >= 0 && !cut; n = in.read(buffer)) {
                for (int i = 0; i < n && !cut; i++) {
                    int size = utf8Size(buffer[i]);
                    if (bytes + size > maxValueBytes) {
                        cut = true;
                    } else {
                        text.append(buffer[i]);
                        bytes += size;
                    }
                }
            }
            if (cut) {
                text.append("...(cut)");
            }
            return new Cell(Args.JSON.getNodeFactory().textNode(text.toString()), bytes, cut);
        } catch (IOException e) {
            throw new SQLException("cannot read a text value: " + e.getMessage(), e);
        }
    }

    /** UTF-8 bytes of one UTF-16 unit (a surrogate counts half of its pair's four bytes). */
    private static int utf8Size(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return Character.isSurrogate(c) ? 2 : 3;
    }
}
