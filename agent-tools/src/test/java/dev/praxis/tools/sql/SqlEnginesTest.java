package dev.praxis.tools.sql;

import com.sun.management.ThreadMXBean;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.ToolResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read-only enforced and verified by each engine, the function allowlist, and limits that hold while reading. */
class SqlEnginesTest {

    /** A string of 2^n characters built by plain concatenation, which no function allowlist can stop. */
    static String doubling(int n) {
        return "WITH RECURSIVE r(s, n) AS (SELECT CAST('x' AS TEXT), 0 UNION ALL "
                + "SELECT s || s, n + 1 FROM r WHERE n < " + n + ") SELECT s FROM r WHERE n = " + n;
    }

    /** Runs the query tool on this thread (so its allocations can be counted), as the toolbox would report it. */
    static ToolResult query(List<Tool> tools, String sql) {
        try {
            return tools.get(0).execute(new ToolCall("1", "sql_query", instance.objectNode().put("sql", sql).toString()),
                    ToolContext.NONE);
        } catch (ToolException e) {
            return new ToolResult.Failed(e.getMessage(), false);
        }
    }

    /** Bytes the JVM allocated on this thread while {@code action} ran. */
    static long allocatedBy(Runnable action) {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    @Nested
    class Sqlite {
        @TempDir
        Path dir;

        String url() throws Exception {
            String url = "jdbc:sqlite:" + dir.resolve("shop.db");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS t(x TEXT)");
            }
            return url;
        }

        @Test
        void theEngineRefusesWritesOnceReadOnlyIsOnAndAPooledConnectionGetsItsSettingsBack() throws Exception {
            try (Connection c = DriverManager.getConnection(url())) {
                c.setAutoCommit(false);
                Object undo = SqlEngine.SQLITE.enforce(c, 1 << 20);

                assertThatThrownBy(() -> c.createStatement().execute("INSERT INTO t VALUES ('x')"))
                        .hasMessageContaining("readonly");
                c.rollback();
                SqlEngine.SQLITE.release(c, undo);
                assertThat(single(c, "PRAGMA query_only")).isEqualTo("0");
            }
        }

        @Test
        void aValueDoubledTowardsHalfAGigabyteIsRefusedByTheEngineBeforeTheHeapSeesIt() throws Exception {
            String url = url();
            List<Tool> tools = SqlTools.builder(() -> DriverManager.getConnection(url)).build();
            ToolResult[] result = new ToolResult[1];

            long allocated = allocatedBy(() -> result[0] = query(tools, doubling(29)));

            assertThat(result[0]).isInstanceOf(ToolResult.Failed.class);
            assertThat(result[0].text()).contains("too big");
            assertThat(allocated).isLessThan(64L << 20);
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"SELECT writefile('EVIL', 'x')", "SELECT readfile('/etc/passwd')",
                "SELECT load_extension('/tmp/evil.so')", "SELECT zeroblob(1000000000)", "SELECT \"load_extension\"('x')",
                "SELECT [load_extension]('x')", "SELECT printf('%.*c', 1000000000, 'x')", "SELECT fts3_tokenizer('x')"})
        void refusesFunctionsOffTheAllowlist(String sql) throws Exception {
            String url = url();
            ToolResult result = query(SqlTools.readOnly(() -> DriverManager.getConnection(url)), sql);

            assertThat(result).isInstanceOf(ToolResult.Failed.class);
            assertThat(result.text()).containsAnyOf("is not allowed", "quoted function names");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Postgres {
        EmbeddedPostgres server;

        @org.junit.jupiter.api.BeforeAll
        void start() throws Exception {
            server = EmbeddedPostgres.builder().start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS t(x TEXT)");
                s.execute("INSERT INTO t VALUES ('a')");
            }
        }

        @AfterAll
        void stop() throws Exception {
            server.close();
        }

        List<Tool> tools() {
            return SqlTools.readOnly(() -> server.getPostgresDatabase().getConnection());
        }

        @Test
        void theTransactionIsReadOnlyBeforeTheFirstQueryAndNothingStaysOnTheConnection() throws Exception {
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                c.setAutoCommit(false);
                SqlEngine.POSTGRESQL.enforce(c, 1 << 20);

                assertThatThrownBy(() -> c.createStatement().execute("INSERT INTO t VALUES ('x')"))
                        .hasMessageContaining("read-only transaction");
                c.rollback();
                assertThat(single(c, "SHOW transaction_read_only")).isEqualTo("off");
            }
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"SELECT pg_read_file('/etc/passwd')", "SELECT * FROM pg_catalog.pg_read_file('/etc/hostname')",
                "SELECT lo_import('/etc/passwd')", "SELECT set_config('default_transaction_read_only', 'off', false)",
                "SELECT query_to_xml('DELETE FROM t', true, true, '')", "SELECT * FROM t, dblink('host=x', 'SELECT 1') AS (a text)",
                "SELECT repeat('x', 1000000000)", "SELECT current_setting('data_directory')", "SELECT pg_ls_dir('.')",
                "COPY t TO 'EVIL'"})
        void refusesFileNetworkAndSystemFunctions(String sql, @TempDir Path dir) throws Exception {
            Path evil = dir.resolve("evil");
            ToolResult result = query(tools(), sql.replace("EVIL", evil.toString()));

            assertThat(result).isInstanceOf(ToolResult.Failed.class);
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                assertThat(single(c, "SELECT count(*) FROM t")).isEqualTo("1");
            }
            assertThat(evil).doesNotExist();
        }

        @Test
        void aValueOf64MebibytesIsCutOnTheServerSoTheHeapNeverSeesIt() {
            List<Tool> tools = SqlTools.builder(() -> server.getPostgresDatabase().getConnection())
                    .queryTimeout(java.time.Duration.ofSeconds(120)).build();
            ToolResult[] result = new ToolResult[1];

            long allocated = allocatedBy(() -> result[0] = query(tools, doubling(26)));

            assertThat(result[0]).isInstanceOf(ToolResult.Ok.class);
            assertThat(result[0].text()).contains("...(cut)").contains("\"columns\":[\"s\"]").hasSizeLessThan(6000);
            assertThat(allocated).as("bytes allocated for a 64 MiB value").isLessThan(16L << 20);
        }

        @Test
        void ordinaryQueriesKeepTheirTypesAndLabels() {
            ToolResult result = query(tools(), "SELECT x AS letter, 42 AS answer, true AS yes FROM t");

            assertThat(result.text()).contains("\"columns\":[\"letter\",\"answer\",\"yes\"]").contains("[\"a\",42,true]");
        }
    }

    @Nested
    class H2 {
        @TempDir
        Path dir;

        String database(String text) throws Exception {
            String url = "jdbc:h2:" + dir.resolve("shop");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t(id INT, body CLOB)");
                try (var insert = c.prepareStatement("INSERT INTO t VALUES (1, ?)")) {
                    insert.setString(1, text);
                    insert.execute();
                }
            }
            return url;
        }

        @Test
        void aWritableH2DatabaseIsRefusedNamingTheEngine() throws Exception {
            String url = database("hello");
            // H2 ignores setReadOnly: there is no per-connection read-only mode to verify
            try (Connection c = DriverManager.getConnection(url)) {
                c.setReadOnly(true);
                assertThat(c.isReadOnly()).isFalse();
            }

            ToolResult result = query(SqlTools.readOnly(() -> DriverManager.getConnection(url)), "SELECT id FROM t");

            assertThat(result.text()).contains("H2").contains("ACCESS_MODE_DATA=r").contains("no query was run");
        }

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"SELECT FILE_READ('/etc/passwd')", "SELECT FILE_WRITE('x', 'EVIL')",
                "SELECT CSVWRITE('EVIL', 'SELECT 1')", "SELECT * FROM CSVREAD('/etc/passwd')",
                "SELECT LINK_SCHEMA('x', '', 'jdbc:h2:mem:x', 'sa', '', 'PUBLIC')", "SELECT \"FILE_READ\"('/etc/passwd')",
                "SELECT DATABASE_PATH()", "SELECT `FILE_READ`('/etc/passwd')"})
        void refusesTheEnginesFileFunctionsOnAReadOnlyDatabase(String sql) throws Exception {
            String url = database("hello") + ";ACCESS_MODE_DATA=r";

            Path evil = dir.resolve("evil");
            ToolResult result = query(SqlTools.readOnly(() -> DriverManager.getConnection(url)),
                    sql.replace("EVIL", evil.toString()));

            assertThat(result).isInstanceOf(ToolResult.Failed.class);
            assertThat(result.text()).containsAnyOf("is not allowed", "quoted function names");
            assertThat(evil).doesNotExist();
        }

        /** Nine nested replacements turn one character into 10^9: H2 would build them on this heap. */
        static final String MULTIPLIED = "SELECT " + "REGEXP_REPLACE(".repeat(9) + "'x'"
                + ", 'x', 'xxxxxxxxxx')".repeat(9);

        @ParameterizedTest(name = "refuses {0}")
        @ValueSource(strings = {"DOUBLING", "MULTIPLIED", "SELECT REPEAT('x', 1000000000)",
                "SELECT LISTAGG(a.body, '') FROM t a, t b, t c, t d",
                "SELECT LENGTH(body||body||body||body||body||body||body||body||body||body||body||body||body||body||body"
                        + "||body||body||body) FROM t"})
        void aQueryThatCouldBuildAHugeValueInThisJvmFailsTypedBeforeAllocatingIt(String sql) throws Exception {
            String url = database("z".repeat(1000)) + ";ACCESS_MODE_DATA=r";
            List<Tool> tools = SqlTools.readOnly(() -> DriverManager.getConnection(url));
            String query = sql.equals("DOUBLING") ? doubling(29) : sql.equals("MULTIPLIED") ? MULTIPLIED : sql;
            ToolResult[] result = new ToolResult[1];

            long allocated = allocatedBy(() -> result[0] = query(tools, query));

            assertThat(result[0]).isInstanceOf(ToolResult.Failed.class);
            assertThat(result[0].text()).containsAnyOf("not allowed on H2", "repeat() is not allowed");
            assertThat(allocated).isLessThan(8L << 20);
        }

        @Test
        void ordinaryConcatenationStillRunsOnH2() throws Exception {
            String url = database("hello") + ";ACCESS_MODE_DATA=r";

            ToolResult result = query(SqlTools.readOnly(() -> DriverManager.getConnection(url)),
                    "SELECT id || ': ' || CONCAT(body, '!') AS line FROM t");

            assertThat(result.text()).contains("1: hello!");
        }

        @Test
        void aReadOnlyDatabaseAnswersAndABigStoredValueStreamsOnlyUpToTheCap() throws Exception {
            String url = database("y".repeat(20_000_000)) + ";ACCESS_MODE_DATA=r";
            List<Tool> tools = SqlTools.builder(() -> DriverManager.getConnection(url)).maxValueBytes(1000).build();
            ToolResult[] result = new ToolResult[1];

            long allocated = allocatedBy(() -> result[0] = query(tools, "SELECT id, body FROM t"));

            assertThat(result[0].text()).contains("[1,\"yyyy").contains("...(cut)").hasSizeLessThan(2000);
            assertThat(allocated).isLessThan(8L << 20);
        }
    }

    @Test
    void anEngineWithoutAVerifiableReadOnlyModeIsRefusedByName() throws Exception {
        Path file = Files.createTempFile("praxis", ".db");
        try {
            Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
            Connection other = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getMetaData")) {
                            var meta = sqlite.getMetaData();
                            return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                                    new Class<?>[] {java.sql.DatabaseMetaData.class}, (p, m, a) ->
                                            m.getName().equals("getDatabaseProductName") ? "MySQL" : m.invoke(meta, a));
                        }
                        return method.invoke(sqlite, args);
                    });

            ToolResult result = query(SqlTools.readOnly(() -> other), "SELECT 1");

            assertThat(result.text()).contains("refuses the database engine 'MySQL'").contains("supported: SQLite, PostgreSQL");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
