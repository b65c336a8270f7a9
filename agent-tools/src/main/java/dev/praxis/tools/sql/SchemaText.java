package dev.praxis.tools.sql;

import dev.praxis.tool.ToolException;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Schema introspection rendered as short text for the model. */
final class SchemaText {

    private static final int MAX_TABLES = 500;

    private SchemaText() {
    }

    static String tables(DatabaseMetaData meta) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet tables = meta.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
            while (tables.next() && lines.size() < MAX_TABLES) {
                String schema = tables.getString("TABLE_SCHEM");
                lines.add(tables.getString("TABLE_TYPE").toLowerCase() + " "
                        + (schema == null || schema.isBlank() ? "" : schema + ".") + tables.getString("TABLE_NAME"));
            }
        }
        return lines.isEmpty() ? "(no tables)" : String.join("\n", lines);
    }

    static String columns(DatabaseMetaData meta, String table) throws SQLException {
        try (ResultSet found = meta.getTables(null, null, table, new String[] {"TABLE", "VIEW"})) {
            if (!found.next()) {
                throw new ToolException("no table named '" + table + "'; call sql_schema without a table to list them");
            }
        }
        List<String> keys = new ArrayList<>();
        try (ResultSet pk = meta.getPrimaryKeys(null, null, table)) {
            while (pk.next()) {
                keys.add(pk.getString("COLUMN_NAME"));
            }
        }
        List<String> lines = new ArrayList<>();
        try (ResultSet columns = meta.getColumns(null, null, table, "%")) {
            while (columns.next()) {
                String name = columns.getString("COLUMN_NAME");
                lines.add(name + " " + columns.getString("TYPE_NAME")
                        + (columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? " not null" : "")
                        + (keys.contains(name) ? " primary key" : ""));
            }
        }
        if (lines.isEmpty()) {
            throw new ToolException("no table named '" + table + "'; call sql_schema without a table to list them");
        }
        return "table " + table + ":\n" + String.join("\n", lines);
    }
}
