package dev.praxis.examples.customer;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shop's back office as tools: customers, orders and support tickets in a SQLite file
 * (the FAQ is the agent's knowledge, not a tool here). Seeded from {@code orders.csv} on first use; tickets and refunds persist.
 * Thread-safe: each call opens its own connection.
 */
public final class ShopDesk {

    private final String url;
    private final Clock clock;

    /** A desk keeping its database at {@code database}, dating tickets by {@code clock}. */
    public ShopDesk(Path database, Clock clock) {
        this.url = "jdbc:sqlite:" + database;
        this.clock = clock;
        try (Connection c = connect()) {
            c.createStatement().execute("create table if not exists orders (id integer primary key, email text not null,"
                    + " name text not null, item text not null, amount text not null, status text not null)");
            c.createStatement().execute("create table if not exists tickets (id integer primary key autoincrement,"
                    + " email text not null, order_id integer not null, problem text not null, opened_at text not null)");
            ResultSet count = c.createStatement().executeQuery("select count(*) from orders");
            if (count.next() && count.getInt(1) == 0) {
                seed(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the shop database " + database + ": " + e.getMessage(), e);
        }
    }

    @Tool(name = "identify_customer", value = "Identifies the customer by their e-mail address and lists their orders (hello, this is me, my e-mail is)")
    @SideEffects(SideEffect.READ_ONLY)
    public String identifyCustomer(@P("the customer's e-mail address") String email) {
        List<String> orders = query("select id, name, item, status from orders where lower(email) = lower(?) order by id",
                rs -> rs.getString("name") + "|order " + rs.getInt("id") + ": " + rs.getString("item") + " ("
                        + rs.getString("status") + ")", email);
        if (orders.isEmpty()) {
            throw new ToolException("no customer with the e-mail address " + email);
        }
        return "Customer " + orders.get(0).split("\\|")[0] + " <" + email + ">; "
                + orders.stream().map(o -> o.split("\\|")[1]).collect(Collectors.joining("; "));
    }

    @Tool(name = "order_status", value = "Tells where an order is: its item and delivery status (track my order, where is my parcel)")
    @SideEffects(SideEffect.READ_ONLY)
    public String orderStatus(@P("the order number") long order) {
        return findOrder(order).map(o -> "order " + order + " (" + o.item() + ", " + o.amount() + " EUR) is " + o.status())
                .orElseThrow(() -> new ToolException("there is no order " + order));
    }

    @Tool(name = "open_ticket", value = "Opens a support ticket for a problem with an order, such as a broken, damaged, missing or wrong item")
    @SideEffects(SideEffect.WRITE)
    public String openTicket(@P("the customer's e-mail address") String email, @P("the order number") long order,
                             @P("what is wrong, in the customer's words") String problem) {
        Order found = findOrder(order).orElseThrow(() -> new ToolException("there is no order " + order));
        if (!found.email().equalsIgnoreCase(email)) {
            throw new ToolException("order " + order + " does not belong to " + email);
        }
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(
                "insert into tickets (email, order_id, problem, opened_at) values (?, ?, ?, ?)")) {
            insert.setString(1, email);
            insert.setLong(2, order);
            insert.setString(3, problem);
            insert.setString(4, clock.instant().toString());
            insert.executeUpdate();
            ResultSet id = c.createStatement().executeQuery("select last_insert_rowid()");
            id.next();
            return "opened ticket T-" + id.getLong(1) + " for order " + order + " (" + found.item() + ")";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the ticket: " + e.getMessage(), e);
        }
    }

    @Tool(name = "refund_order", value = "Refunds an order to the customer's card: money back, reimburse. Needs a supervisor's approval")
    @SideEffects(SideEffect.EXTERNAL)
    public String refundOrder(@P("the order number") long order, @P("why the customer wants the refund") String reason) {
        Order found = findOrder(order).orElseThrow(() -> new ToolException("there is no order " + order));
        if (found.status().equals("refunded")) {
            throw new ToolException("order " + order + " was already refunded");
        }
        try (Connection c = connect(); PreparedStatement update = c.prepareStatement(
                "update orders set status = 'refunded' where id = ?")) {
            update.setLong(1, order);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the refund: " + e.getMessage(), e);
        }
        return "refunded " + found.amount() + " EUR for order " + order + " (" + found.item() + ") to the card on file";
    }

    /** The amount of a known order, for approval rules. */
    public Optional<BigDecimal> amount(long order) {
        return findOrder(order).map(o -> new BigDecimal(o.amount()));
    }

    /** The tickets opened so far, newest last, for tests and the demo. */
    public List<String> tickets() {
        return query("select id, email, order_id from tickets order by id",
                rs -> "T-" + rs.getLong("id") + " " + rs.getString("email") + " order " + rs.getLong("order_id"));
    }

    private record Order(String email, String item, String amount, String status) {
    }

    private Optional<Order> findOrder(long order) {
        return query("select email, item, amount, status from orders where id = ?",
                rs -> new Order(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), order)
                .stream().findFirst();
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            for (ResultSet rs = statement.executeQuery(); rs.next(); ) {
                rows.add(row.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    private static void seed(Connection c) throws SQLException {
        String csv;
        try (InputStream in = ShopDesk.class.getResourceAsStream("orders.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("orders.csv is missing from the example", e);
        }
        try (PreparedStatement insert = c.prepareStatement("insert into orders values (?, ?, ?, ?, ?, ?)")) {
            for (String line : csv.lines().skip(1).filter(l -> !l.isBlank()).toList()) {
                String[] f = line.split(",");
                for (int i = 0; i < 6; i++) {
                    insert.setString(i + 1, f[i].strip());
                }
                insert.executeUpdate();
            }
        }
    }
}
