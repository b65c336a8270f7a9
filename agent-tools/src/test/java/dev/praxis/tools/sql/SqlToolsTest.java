package dev.praxis.tools.sql;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;

import static com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
import static org.assertj.core.api.Assertions.assertThat;

class SqlToolsTest {

    @TempDir
    Path dir;
    String url;
    Toolbox toolbox;

    @BeforeEach
    void createDatabase() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("shop.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total REAL)");
            s.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100");
            s.execute("INSERT INTO customers VALUES (1,'Ada','London'),(2,'Grace','Arlington'),(3,'Linus','Portland')");
            s.execute("INSERT INTO orders VALUES (1,1,250.5),(2,1,20),(3,2,99.99)");
        }
        toolbox = Toolbox.of(SqlTools.builder(() -> DriverManager.getConnection(url)).maxRows(2)
                .queryTimeout(Duration.ofSeconds(1)).build());
    }

    private ToolResult query(String sql, Object... params) {
        var args = instance.objectNode().put("sql", sql);
        var array = args.putArray("params");
        for (Object p : params) {
            array.addPOJO(p);
        }
        return toolbox.execute(new ToolCall("1", "sql_query", args.toString()), ToolContext.NONE);
    }

    private long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            return r.getLong(1);
        }
    }

    @Test
    void answersQueriesWithParametersAsJson() {
        assertThat(query("SELECT name, city FROM customers WHERE id = ?", 2).text())
                .isEqualTo("{\"columns\":[\"name\",\"city\"],\"rows\":[[\"Grace\",\"Arlington\"]],\"row_count\":1,\"truncated\":false}");
        assertThat(query("WITH t AS (SELECT customer_id, sum(total) s FROM orders GROUP BY 1) "
                + "SELECT c.name, t.s FROM t JOIN customers c ON c.id = t.customer_id WHERE t.s > ? -- big spenders\n", 200).text())
                .isEqualTo("{\"columns\":[\"name\",\"s\"],\"rows\":[[\"Ada\",270.5]],\"row_count\":1,\"truncated\":false}");
        assertThat(query("SELECT 'it''s; DELETE' AS text, \"name\" FROM customers WHERE id = 1").text())
                .contains("\"it's; DELETE\"");
    }

    @Test
    void capsRowsWithExplicitNote() {
        assertThat(query("SELECT id FROM customers ORDER BY id").text()).isEqualTo("{\"columns\":[\"id\"],\"rows\":[[1],[2]],"
                + "\"row_count\":2,\"truncated\":true,\"note\":\"only the first 2 rows are shown; add WHERE, LIMIT or aggregation\"}");
    }

    @Test
    void describesSchema() {
        assertThat(toolbox.execute(new ToolCall("1", "sql_schema", "{}"), ToolContext.NONE).text())
                .contains("table customers", "table orders", "view big_orders");
        assertThat(toolbox.execute(new ToolCall("1", "sql_schema", "{\"table\":\"customers\"}"), ToolContext.NONE).text())
                .isEqualTo("table customers:\nid INTEGER primary key\nname TEXT not null\ncity TEXT");
        assertThat(toolbox.execute(new ToolCall("1", "sql_schema", "{\"table\":\"nope\"}"), ToolContext.NONE).text())
                .contains("no table named 'nope'");
    }

    @Test
    void stopsRunawayQueryAtTheTimeout() {
        ToolResult result = query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).containsAnyOf("did not finish within 1 s", "interrupt");
    }

    static Stream<String[]> hostileSql() {
        return Stream.of(
                new String[] {"DELETE FROM orders", "start with SELECT"},
                new String[] {"WITH x AS (DELETE FROM orders RETURNING *) SELECT * FROM x", "'DELETE' is not allowed"},
                new String[] {"WITH a AS (SELECT 1) INSERT INTO orders SELECT 9, 9, 9 FROM a", "'INSERT' is not allowed"},
                new String[] {"SELECT 1; DELETE FROM orders", "only one statement"},
                new String[] {"SELECT 1;DELETE FROM orders;", "only one statement"},
                new String[] {"select 1; -- harmless\n drop table orders", "only one statement"},
                new String[] {"SELECT 1 /* ; */ ; DROP TABLE orders", "only one statement"},
                new String[] {"/* SELECT */ DELETE FROM orders", "start with SELECT"},
                new String[] {"-- SELECT\nDELETE FROM orders", "start with SELECT"},
                new String[] {"SeLeCt 1; dElEtE fRoM orders", "only one statement"},
                new String[] {"UPDATE customers SET name = 'x'", "start with SELECT"},
                new String[] {"INSERT INTO customers VALUES (9,'x','y')", "start with SELECT"},
                new String[] {"REPLACE INTO customers VALUES (1,'x','y')", "start with SELECT"},
                new String[] {"DROP TABLE orders", "start with SELECT"},
                new String[] {"ATTACH DATABASE '/tmp/evil.db' AS evil", "start with SELECT"},
                new String[] {"PRAGMA writable_schema = 1", "start with SELECT"},
                new String[] {"VACUUM INTO '/tmp/copy.db'", "start with SELECT"},
                new String[] {"CREATE TABLE t(x)", "start with SELECT"},
                new String[] {"SELECT * INTO backup FROM orders", "'INTO' is not allowed"},
                new String[] {"SELECT load_extension('/tmp/evil.so')", "load_extension() is not allowed"},
                new String[] {"SELECT writefile('/tmp/x', 'y')", "writefile() is not allowed"},
                new String[] {"SELECT * FROM orders FOR UPDATE", "'UPDATE' is not allowed"},
                new String[] {"EXPLAIN ANALYZE DELETE FROM orders", "'ANALYZE' is not allowed"},
                new String[] {"SELECT 1 /*! ; DELETE FROM orders */", "executable comments"},
                new String[] {"SELECT 1 /* /* */ ; DELETE FROM orders; -- */ */", "nested"},
                new String[] {"SELECT 'abc\\'; DELETE FROM orders; --'", "backslashes inside quotes"},
                new String[] {"SELECT 'unterminated", "unterminated string literal"},
                new String[] {"SELECT 1 --1; DELETE FROM orders", "only one statement"},
                new String[] {"SELECT $a$; DELETE FROM orders; $a$", "only one statement"},
                new String[] {"BEGIN; DELETE FROM orders; COMMIT", "only one statement"},
                new String[] {"", "required"});
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("hostileSql")
    void refusesWritesHiddenInSql(String sql, String reason) throws Exception {
        ToolResult result = query(sql);

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains(reason);
        assertThat(count("orders")).isEqualTo(3);
        assertThat(count("customers")).isEqualTo(3);
        assertThat(Files.exists(Path.of("/tmp/evil.db"))).isFalse();
    }

    @Test
    void readOnlyConnectionHoldsEvenIfTheCheckWereBypassed() throws Exception {
        Path file = dir.resolve("ro.db");
        String roUrl = "jdbc:sqlite:" + file;
        try (Connection c = DriverManager.getConnection(roUrl); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(x)");
        }
        // the statement check forbids it; the read-only, rolled-back connection is the second and third layer
        Toolbox sqlite = Toolbox.of(SqlTools.readOnly(() -> DriverManager.getConnection(roUrl + "?open_mode=1")));
        ToolResult result = sqlite.execute(new ToolCall("1", "sql_query", "{\"sql\":\"SELECT count(*) FROM t\"}"),
                ToolContext.NONE);

        assertThat(result.text()).contains("\"rows\":[[0]]");
    }
}
