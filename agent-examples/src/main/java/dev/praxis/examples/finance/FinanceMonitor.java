package dev.praxis.examples.finance;

import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A finance sentiment monitor: reads the news feed shipped with the example, scores each new
 * headline with {@link SentimentScorer} (MiniLM embeddings, no LLM), stores the scores in
 * SQLite, prints each ticker's sentiment and raises an alert through the {@code raise_alert}
 * tool when a ticker's rolling sentiment (the mean of its last {@value #WINDOW} items) falls
 * to {@value #THRESHOLD} or below. Run it again and nothing is scored or alerted twice.
 */
public final class FinanceMonitor implements Example {

    /** Items in the rolling window. */
    static final int WINDOW = 3;
    /** The rolling sentiment at or below which a ticker raises an alert. */
    static final double THRESHOLD = -0.075;

    private final List<NewsItem> feed;

    /** The monitor over the bundled feed. */
    public FinanceMonitor() {
        this(null);
    }

    /** The monitor over {@code feed} (null: the bundled one, read when it runs). */
    FinanceMonitor(List<NewsItem> feed) {
        this.feed = feed;
    }

    @Override
    public String name() {
        return "finance-monitor";
    }

    @Override
    public String summary() {
        return "scores news sentiment per ticker with MiniLM, stores it in SQLite, alerts on a falling rolling score";
    }

    @Override
    public List<Tool> tools() {
        return Tools.from(new SentimentLedger(Path.of(":memory:")));
    }

    @Override
    public void run(ExampleContext context) {
        PrintStream out = context.out();
        out.println("Model: none needed - sentiment is MiniLM similarity to good/bad-news anchor phrases (no LLM)");
        Path database = context.dir(name()).resolve("sentiment.db");
        var ledger = new SentimentLedger(database);
        List<NewsItem> items = feed == null ? NewsFeed.bundled() : feed;
        List<NewsItem> fresh = items.stream().filter(i -> !ledger.contains(i)).toList();
        out.printf("feed: %d items, %d new, %d already stored in %s%n", items.size(), fresh.size(),
                items.size() - fresh.size(), database);
        if (!fresh.isEmpty()) {
            var scorer = new SentimentScorer();
            for (NewsItem item : fresh) {
                double score = scorer.score(item.headline());
                ledger.store(item, score);
                out.printf(Locale.ROOT, "  %s %-5s %+.3f %s%n", item.at(), item.ticker(), score, item.headline());
            }
        }
        out.printf(Locale.ROOT, "per ticker (rolling = mean of the last %d items; alert at %.3f or below):%n", WINDOW,
                THRESHOLD);
        for (String ticker : ledger.tickers()) {
            List<SentimentLedger.Scored> history = ledger.history(ticker);
            out.printf(Locale.ROOT, "  %-5s %2d items  mean %+.3f  rolling %+.3f%n", ticker, history.size(),
                    history.stream().mapToDouble(SentimentLedger.Scored::score).average().orElse(0),
                    rolling(history, history.size()));
            alert(ledger, history, out);
        }
        List<SentimentLedger.Alert> alerts = ledger.alerts();
        out.println(alerts.isEmpty() ? "no alerts" : alerts.size() + " alert(s) in the log");
    }

    /** Raises an alert at every item where the ticker's rolling sentiment crosses down through the threshold. */
    private static void alert(SentimentLedger ledger, List<SentimentLedger.Scored> history, PrintStream out) {
        double before = 0;
        for (int n = 1; n <= history.size(); n++) {
            double now = rolling(history, n);
            if (now <= THRESHOLD && before > THRESHOLD) {
                NewsItem item = history.get(n - 1).item();
                String reason = String.format(Locale.ROOT, "rolling sentiment %+.3f after \"%s\"", now, item.headline());
                out.println("  ALERT " + item.ticker() + ": " + reason + " -> "
                        + ledger.raiseAlert(item.ticker(), item.at().toString(), now, reason));
            }
            before = now;
        }
    }

    /** The mean score of the up to {@link #WINDOW} items before position {@code end} (exclusive). */
    static double rolling(List<SentimentLedger.Scored> history, int end) {
        return history.subList(Math.max(0, end - WINDOW), end).stream()
                .mapToDouble(SentimentLedger.Scored::score).average().orElse(0);
    }
}
