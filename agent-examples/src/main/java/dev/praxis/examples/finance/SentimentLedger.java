package dev.praxis.examples.finance;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scored news items and raised alerts in a SQLite file. An item is stored once however often
 * the feed is read (keyed by ticker, time and headline); so is an alert (keyed by ticker and
 * the time of the item that triggered it). {@code ticker_sentiment} is a tool for the monitor's
 * agent. Thread-safe: each call opens its own connection.
 */
public final class SentimentLedger {

    /** A stored, scored item. */
    public record Scored(NewsItem item, double score) {
    }

    /** A raised alert. */
    public record Alert(String ticker, Instant at, double rolling, String reason) {
    }

    private final String url;

    /** A ledger in the SQLite file {@code database} (created if missing). */
    public SentimentLedger(Path database) {
        this.url = "jdbc:sqlite:" + database;
        try (Connection c = connect()) {
            c.createStatement().execute("create table if not exists items (key text primary key, ticker text not null,"
                    + " at text not null, headline text not null, score real not null)");
            c.createStatement().execute("create table if not exists alerts (ticker text not null, at text not null,"
                    + " rolling real not null, reason text not null, primary key (ticker, at))");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the sentiment database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code item} is already stored. */
    public boolean contains(NewsItem item) {
        return !query("select 1 from items where key = ?", rs -> 1, item.key()).isEmpty();
    }

    /** Stores {@code item} with its score; true if it was new, false if it was already there. */
    public boolean store(NewsItem item, double score) {
        return update("insert or ignore into items (key, ticker, at, headline, score) values (?, ?, ?, ?, ?)",
                item.key(), item.ticker(), item.at().toString(), item.headline(), score) == 1;
    }

    /** The tickers with stored items, sorted. */
    public List<String> tickers() {
        return query("select distinct ticker from items order by ticker", rs -> rs.getString(1));
    }

    /** The stored items of {@code ticker}, oldest first. */
    public List<Scored> history(String ticker) {
        return query("select at, ticker, headline, score from items where ticker = ? order by at, key",
                rs -> new Scored(new NewsItem(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3)),
                        rs.getDouble(4)), ticker);
    }

    /** How many items are stored. */
    public int size() {
        return query("select count(*) from items", rs -> rs.getInt(1)).get(0);
    }

    /** The alerts raised so far, oldest first. */
    public List<Alert> alerts() {
        return query("select ticker, at, rolling, reason from alerts order by at, ticker",
                rs -> new Alert(rs.getString(1), Instant.parse(rs.getString(2)), rs.getDouble(3), rs.getString(4)));
    }

    @Tool(name = "ticker_sentiment", value = "Reports a stock ticker's stored news sentiment: item count, mean score and latest headline")
    @SideEffects(SideEffect.READ_ONLY)
    public String tickerSentiment(@P("the stock ticker, such as ACME") String ticker) {
        List<Scored> items = history(ticker.strip().toUpperCase(Locale.ROOT));
        if (items.isEmpty()) {
            throw new ToolException("no news stored for ticker " + ticker);
        }
        double mean = items.stream().mapToDouble(Scored::score).average().orElse(0);
        Scored last = items.get(items.size() - 1);
        return String.format(Locale.ROOT, "%s: %d items, mean sentiment %+.3f; latest %s \"%s\" (%+.3f)",
                last.item().ticker(), items.size(), mean, last.item().at(), last.item().headline(), last.score());
    }

    /**
     * Records an alert in the alert log, which a person reads, once per ticker and time (the
     * agent's {@code raise_alert} tool, {@link MonitorDesk}, calls this). Writes only this
     * application's database: it pages nobody.
     *
     * @throws ToolException if {@code at} is not an ISO-8601 instant
     */
    public String raiseAlert(String ticker, String at, double rolling, String reason) {
        Instant when;
        try {
            when = Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ToolException("'" + at + "' is not an ISO-8601 instant such as 2026-11-02T08:05:00Z");
        }
        int added = update("insert or ignore into alerts (ticker, at, rolling, reason) values (?, ?, ?, ?)",
                ticker, when.toString(), rolling, reason);
        return (added == 1 ? "raised" : "already raised") + " alert for " + ticker + " at " + when;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, parameters)) {
            List<T> rows = new ArrayList<>();
            for (ResultSet rs = statement.executeQuery(); rs.next(); ) {
                rows.add(row.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("sentiment query failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement statement = prepare(c, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sentiment update failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
