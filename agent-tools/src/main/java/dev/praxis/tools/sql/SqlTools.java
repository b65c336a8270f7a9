package dev.praxis.tools.sql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tools.internal.Args;
import dev.praxis.tools.internal.JsonTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Read-only access to a JDBC database: {@code sql_query} (one SELECT/WITH/VALUES/EXPLAIN
 * statement with {@code ?} parameters) and {@code sql_schema} (tables and views, or the
 * columns of one table). Three layers keep it read-only: the {@link ReadOnlySql} statement
 * check, a connection switched to read-only, and a transaction that is always rolled back.
 * Results are JSON with at most {@code maxRows} rows (default 200; cut results say so); each
 * query has a timeout (default 10 s).
 *
 * <pre>{@code
 * List<Tool> sql = SqlTools.builder(() -> dataSource.getConnection()).maxRows(100).build();
 * }</pre>
 *
 * <p>For the strongest guarantee also connect as a database user that may only read.
 */
public final class SqlTools {

    /** Opens a connection for one call; it is closed after the call. */
    @FunctionalInterface
    public interface ConnectionSource {
        /** A new (or pooled) connection. */
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(SqlTools.class);
    private static final int MAX_CELL_CHARS = 1000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "praxis-sql-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ConnectionSource source;
    private final int maxRows;
    private final Duration timeout;

    private SqlTools(ConnectionSource source, int maxRows, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    /** Both tools with default limits. */
    public static List<Tool> readOnly(ConnectionSource source) {
        return builder(source).build();
    }

    /** Configures the tools. */
    public static Builder builder(ConnectionSource source) {
        return new Builder(source);
    }

    private Tool query() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("sql", "one read-only statement (SELECT, WITH, VALUES or EXPLAIN); use ? for values")
                .addProperty("params", JsonArraySchema.builder().description("values for the ? placeholders, in order")
                        .items(JsonRawSchema.from("{\"type\":[\"string\",\"number\",\"integer\",\"boolean\",\"null\"]}")).build())
                .required("sql").build();
        return new JsonTool("sql_query", "Runs a read-only SQL query and returns columns and rows as JSON (at most "
                + maxRows + " rows).", schema, SideEffect.READ_ONLY, (args, context) -> run(args));
    }

    private String run(Args args) {
        String sql = args.string("sql");
        ReadOnlySql.check(sql);
        List<Object> params = args.scalars("params");
        try (Connection connection = readOnlyConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setMaxRows(maxRows + 1);
                statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                // not every driver enforces setQueryTimeout on a busy query (SQLite does not): cancel it ourselves
                ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> cancel(statement), timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
                try (ResultSet rows = statement.executeQuery()) {
                    return table(rows).toString();
                } catch (SQLException e) {
                    if (watchdog.isDone()) {
                        throw new SQLTimeoutException("cancelled at the timeout", e);
                    }
                    throw e;
                } finally {
                    watchdog.cancel(false);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLTimeoutException e) {
            throw new ToolException("the query did not finish within " + timeout.toSeconds() + " s; narrow it down", true);
        } catch (SQLException e) {
            throw new ToolException("the database refused the query: " + e.getMessage());
        }
    }

    private static void cancel(PreparedStatement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            log.debug("could not cancel a query at its timeout: {}", e.getMessage());
        }
    }

    private Connection readOnlyConnection() throws SQLException {
        Connection connection = source.open();
        try {
            connection.setReadOnly(true);
        } catch (SQLException e) {
            // some drivers fix read-only at open time (e.g. SQLite's open_mode); the other layers still hold
            log.debug("driver did not switch the connection to read-only: {}", e.getMessage());
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private ObjectNode table(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        ObjectNode result = Args.JSON.createObjectNode();
        ArrayNode columns = result.putArray("columns");
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
        }
        ArrayNode data = result.putArray("rows");
        boolean truncated = false;
        while (rows.next()) {
            if (data.size() == maxRows) {
                truncated = true;
                break;
            }
            ArrayNode row = data.addArray();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                cell(row, rows.getObject(c));
            }
        }
        result.put("row_count", data.size());
        result.put("truncated", truncated);
        if (truncated) {
            result.put("note", "only the first " + maxRows + " rows are shown; add WHERE, LIMIT or aggregation");
        }
        return result;
    }

    private static void cell(ArrayNode row, Object value) {
        if (value == null) {
            row.addNull();
        } else if (value instanceof Boolean b) {
            row.add(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            row.add(((Number) value).longValue());
        } else if (value instanceof Number n) {
            row.add(new BigDecimal(n.toString()));
        } else if (value instanceof byte[] bytes) {
            row.add("(" + bytes.length + " bytes of binary data)");
        } else {
            String text = value.toString();
            row.add(text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS) + "...(cut)" : text);
        }
    }

    private Tool schema() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("table", "a table to describe; omit to list all tables and views").build();
        return new JsonTool("sql_schema", "Lists the database's tables and views, or the columns of one table.",
                schema, SideEffect.READ_ONLY, (args, context) -> describe(args.optionalString("table").orElse("")));
    }

    private String describe(String table) {
        try (Connection connection = readOnlyConnection()) {
            try {
                DatabaseMetaData meta = connection.getMetaData();
                return table.isBlank() ? SchemaText.tables(meta) : SchemaText.columns(meta, table);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new ToolException("cannot read the schema: " + e.getMessage(), true);
        }
    }

    /** Configures {@link SqlTools}. */
    public static final class Builder {
        private final ConnectionSource source;
        private int maxRows = 200;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(ConnectionSource source) {
            this.source = source;
        }

        /** The most rows one query returns (1-10,000). */
        public Builder maxRows(int maxRows) {
            if (maxRows < 1 || maxRows > 10_000) {
                throw new IllegalArgumentException("maxRows must be 1-10000, got " + maxRows);
            }
            this.maxRows = maxRows;
            return this;
        }

        /** The query timeout (whole seconds, at least 1). */
        public Builder queryTimeout(Duration timeout) {
            if (timeout.toSeconds() < 1) {
                throw new IllegalArgumentException("the query timeout must be at least 1 s");
            }
            this.timeout = timeout;
            return this;
        }

        /** The tools. */
        public List<Tool> build() {
            SqlTools tools = new SqlTools(source, maxRows, timeout);
            return List.of(tools.query(), tools.schema());
        }
    }

}
