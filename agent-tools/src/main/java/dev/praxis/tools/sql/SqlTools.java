package dev.praxis.tools.sql;

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

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Read-only access to a JDBC database: {@code sql_query} (one SELECT/WITH/VALUES/EXPLAIN
 * statement with {@code ?} parameters) and {@code sql_schema} (tables and views, or the
 * columns of one table). Three layers keep it read-only: the {@link ReadOnlySql} statement
 * check (one statement, no write keyword, only allowlisted functions), the engine's own
 * read-only mode switched on and verified before the first query (SQLite {@code query_only},
 * a PostgreSQL read-only transaction, an H2 database opened read-only; any other engine is
 * refused), and a transaction that is always rolled back.
 *
 * <p>Limits hold while reading: at most {@code maxRows} rows (default 200), {@code maxValueBytes}
 * per value (default 4096; PostgreSQL cuts values on the server, H2 LOBs stream and H2 queries that
 * could build a huge value in this JVM are refused before they run, SQLite cannot build a value over 1 MiB), {@code maxTotalBytes} per result (default 256 KiB); cut results say so.
 * Each query has a timeout (default 10 s).
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
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "praxis-sql-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ConnectionSource source;
    private final int maxRows;
    private final Duration timeout;
    private final int maxValueBytes;
    private final long maxTotalBytes;

    private SqlTools(Builder builder) {
        this.source = Objects.requireNonNull(builder.source, "source");
        this.maxRows = builder.maxRows;
        this.timeout = builder.timeout;
        this.maxValueBytes = builder.maxValueBytes;
        this.maxTotalBytes = builder.maxTotalBytes;
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
        try (Connection connection = source.open()) {
            connection.setAutoCommit(false);
            SqlEngine engine = SqlEngine.of(connection);
            engine.checkGrowth(SqlText.codeOnly(sql));
            Object undo = null;
            try {
                undo = engine.enforce(connection, engineLimit());
                return query(connection, engine, sql, params).toString();
            } finally {
                connection.rollback();
                engine.release(connection, undo);
            }
        } catch (SQLTimeoutException e) {
            throw new ToolException("the query did not finish within " + timeout.toSeconds() + " s; narrow it down", true);
        } catch (SQLException e) {
            throw new ToolException("the database refused the query: " + e.getMessage());
        }
    }

    /** SQLite builds no value above this; values between the cap and it are cut while reading. */
    private int engineLimit() {
        return Math.max(maxValueBytes, 1 << 20);
    }

    private ObjectNode query(Connection connection, SqlEngine engine, String sql, List<Object> params) throws SQLException {
        String run = sql;
        List<String> labels = null;
        if (engine == SqlEngine.POSTGRESQL && !SqlText.codeOnly(sql).stripLeading().toUpperCase(Locale.ROOT).startsWith("EXPLAIN")) {
            try (PreparedStatement describe = connection.prepareStatement(sql)) {
                ResultSetMetaData meta = describe.getMetaData();
                if (meta != null) {
                    labels = labels(meta);
                    run = ServerCut.wrap(sql, meta, maxValueBytes);
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(run)) {
            statement.setMaxRows(maxRows + 1);
            statement.setFetchSize(Math.min(maxRows + 1, 100));
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            // not every driver enforces setQueryTimeout on a busy query (SQLite does not): cancel it ourselves
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> cancel(statement), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try (ResultSet rows = statement.executeQuery()) {
                return new CappedRows(maxRows, maxValueBytes, maxTotalBytes)
                        .read(rows, labels != null ? labels : labels(rows.getMetaData()));
            } catch (SQLException e) {
                if (watchdog.isDone()) {
                    throw new SQLTimeoutException("cancelled at the timeout", e);
                }
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static List<String> labels(ResultSetMetaData meta) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            labels.add(meta.getColumnLabel(c));
        }
        return labels;
    }

    private static void cancel(PreparedStatement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            log.debug("could not cancel a query at its timeout: {}", e.getMessage());
        }
    }

    private Tool schema() {
        JsonObjectSchema schema = JsonObjectSchema.builder()
                .addStringProperty("table", "a table to describe; omit to list all tables and views").build();
        return new JsonTool("sql_schema", "Lists the database's tables and views, or the columns of one table.",
                schema, SideEffect.READ_ONLY, (args, context) -> describe(args.optionalString("table").orElse("")));
    }

    private String describe(String table) {
        try (Connection connection = source.open()) {
            connection.setAutoCommit(false);
            SqlEngine engine = SqlEngine.of(connection);
            Object undo = null;
            try {
                undo = engine.enforce(connection, engineLimit());
                DatabaseMetaData meta = connection.getMetaData();
                return table.isBlank() ? SchemaText.tables(meta) : SchemaText.columns(meta, table);
            } finally {
                connection.rollback();
                engine.release(connection, undo);
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
        private int maxValueBytes = 4096;
        private long maxTotalBytes = 256 * 1024;

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

        /**
         * The most bytes (UTF-8) of one value that are read (default 4096, at least 16); longer values are cut
         * while reading and end with {@code ...(cut)}.
         */
        public Builder maxValueBytes(int maxValueBytes) {
            if (maxValueBytes < 16) {
                throw new IllegalArgumentException("maxValueBytes must be at least 16, got " + maxValueBytes);
            }
            this.maxValueBytes = maxValueBytes;
            return this;
        }

        /** The most bytes of values one query returns (default 256 KiB, at least 1 KiB); later rows are left out. */
        public Builder maxTotalBytes(long maxTotalBytes) {
            if (maxTotalBytes < 1024) {
                throw new IllegalArgumentException("maxTotalBytes must be at least 1024, got " + maxTotalBytes);
            }
            this.maxTotalBytes = maxTotalBytes;
            return this;
        }

        /** The tools. */
        public List<Tool> build() {
            SqlTools tools = new SqlTools(this);
            return List.of(tools.query(), tools.schema());
        }
    }

}
