package dev.praxis.examples.finance;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * A finance sentiment monitor run by an agent. Each headline of the news feed is scored in
 * process ({@link SentimentScorer}: MiniLM embeddings, no LLM) and stored in SQLite. The alert
 * threshold is chosen on the first {@value #CALIBRATION_PERCENT}% of the feed, so that at most
 * one rolling reading in {@value #BUDGET_ONE_IN} alerts there, and its effect is reported on
 * the held-back rest. Every held-back reading at or below the threshold goes to an agent with
 * tools (portfolio lookup, alert, report) that decides whether to alert and explains; then it
 * writes the report. The first line names the model that decides.
 */
public final class FinanceMonitor implements Example {

    /** Items in the rolling window. */
    static final int WINDOW = 3;
    /** The share of the feed (oldest first) the threshold is chosen on. */
    static final int CALIBRATION_PERCENT = 60;
    /** The alert budget on the calibration part: one reading in this many. */
    static final int BUDGET_ONE_IN = 6;

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
        return "news sentiment scored with MiniLM; an agent with portfolio, alert and report tools decides on alerts";
    }

    @Override
    public List<Tool> tools() {
        var ledger = new SentimentLedger(Path.of(":memory:"));
        return Tools.fromAll(new MonitorDesk(ledger, java.util.Map.of(), Path.of("report.md")), ledger);
    }

    /** One rolling reading: the mean sentiment of a ticker's last {@value #WINDOW} items, after {@code item}. */
    record Reading(NewsItem item, double rolling) {
    }

    @Override
    public void run(ExampleContext context) {
        PrintStream out = context.out();
        Path dir = context.dir(name());
        var ledger = new SentimentLedger(dir.resolve("sentiment.db"));
        var desk = new MonitorDesk(ledger, MonitorDesk.bundledPortfolio(), dir.resolve("report.md"));
        List<NewsItem> items = (feed == null ? NewsFeed.bundled() : feed).stream()
                .sorted(Comparator.comparing(NewsItem::at)).toList();
        LlmAgent agent = agent(context, desk, ledger, items);
        out.println("Sentiment: MiniLM similarity to good- and bad-news anchor phrases, in process (no LLM)");
        score(items, ledger, out, dir);
        for (String ticker : ledger.tickers()) {
            List<SentimentLedger.Scored> history = ledger.history(ticker);
            out.printf(Locale.ROOT, "  %-5s %2d items  mean %+.3f  rolling %+.3f%n", ticker, history.size(),
                    history.stream().mapToDouble(SentimentLedger.Scored::score).average().orElse(0),
                    rolling(history, history.size()));
        }
        int cut = items.size() * CALIBRATION_PERCENT / 100;
        List<Reading> readings = readings(ledger, items);
        List<Reading> calibration = readings.subList(0, cut);
        List<Reading> heldBack = readings.subList(cut, readings.size());
        Threshold threshold = Threshold.choose(calibration.stream().map(Reading::rolling).toList(), 1.0 / BUDGET_ONE_IN);
        List<Reading> flagged = heldBack.stream().filter(r -> threshold.alerts(r.rolling())).toList();
        String findings = findings(calibration, heldBack, threshold, flagged);
        desk.findings(findings);
        out.println(findings);
        for (Reading r : flagged) {
            desk.flag(new MonitorDesk.Flag(r.item().ticker(), r.item().at(), r.rolling(), r.item().headline()));
            String task = String.format(Locale.ROOT, "Alert check for %s: its rolling news sentiment fell to %+.3f"
                            + " (threshold %s) after \"%s\". Decide whether to raise an alert and say why.",
                    r.item().ticker(), r.rolling(), threshold, r.item().headline());
            out.println("monitor> " + task);
            out.println("agent> " + agent.run(AgentRequest.of(task)).output());
        }
        String ask = "Write the report of the held-back days, with a one-line summary of the alerts.";
        out.println("monitor> " + ask);
        AgentResult report = agent.run(AgentRequest.of(ask));
        out.println("agent> " + report.output());
        out.println(ledger.alerts().size() + " alert(s) in the log");
    }

    private static LlmAgent agent(ExampleContext context, MonitorDesk desk, SentimentLedger ledger, List<NewsItem> items) {
        var tickers = new HashSet<>(items.stream().map(NewsItem::ticker).toList());
        return LlmAgent.builder()
                .name("finance-monitor")
                .llm(context.model(() -> OfflineLlm.builder().vocabulary("ticker", tickers).build()))
                .tools(desk, ledger)
                .systemPrompt("You watch a portfolio's news sentiment. For each alert check, look up the position and"
                        + " the ticker's sentiment, raise an alert only when it matters to the portfolio, and explain"
                        + " your decision in one or two sentences. Write the report when asked.")
                .listener(new Transcript(context.out()))
                .listener(context.listener())
                .build();
    }

    private static void score(List<NewsItem> items, SentimentLedger ledger, PrintStream out, Path dir) {
        List<NewsItem> fresh = items.stream().filter(i -> !ledger.contains(i)).toList();
        out.printf("feed: %d items, %d new, %d already stored in %s%n", items.size(), fresh.size(),
                items.size() - fresh.size(), dir.resolve("sentiment.db"));
        if (!fresh.isEmpty()) {
            var scorer = new SentimentScorer();
            for (NewsItem item : fresh) {
                double score = scorer.score(item.headline());
                ledger.store(item, score);
                out.printf(Locale.ROOT, "  %s %-5s %+.3f %s%n", item.at(), item.ticker(), score, item.headline());
            }
        }
    }

    /** The rolling reading after each item, in the feed's (time) order. */
    static List<Reading> readings(SentimentLedger ledger, List<NewsItem> items) {
        List<Reading> readings = new ArrayList<>();
        for (NewsItem item : items) {
            List<SentimentLedger.Scored> history = ledger.history(item.ticker());
            int end = 0;
            while (end < history.size() && !history.get(end).item().key().equals(item.key())) {
                end++;
            }
            readings.add(new Reading(item, rolling(history, end + 1)));
        }
        return readings;
    }

    private static String findings(List<Reading> calibration, List<Reading> heldBack, Threshold threshold,
                                   List<Reading> flagged) {
        long calibrationAlerts = calibration.stream().filter(r -> threshold.alerts(r.rolling())).count();
        return String.format(Locale.ROOT, "calibration: the first %d readings (%s to %s); threshold %s lets %d of %d"
                        + " alert (budget: 1 in %d)%nheld back: the last %d readings (%s to %s): %d at or below the"
                        + " threshold (%.0f%%, against %.0f%% on calibration)%s",
                calibration.size(), day(calibration.get(0)), day(calibration.get(calibration.size() - 1)), threshold,
                calibrationAlerts, calibration.size(), BUDGET_ONE_IN, heldBack.size(), day(heldBack.get(0)),
                day(heldBack.get(heldBack.size() - 1)), flagged.size(), 100.0 * flagged.size() / heldBack.size(),
                100.0 * calibrationAlerts / calibration.size(),
                flagged.isEmpty() ? "" : ": " + String.join(", ", flagged.stream().map(r -> String.format(Locale.ROOT,
                        "%s %s %+.3f", r.item().ticker(), day(r), r.rolling())).toList()));
    }

    private static String day(Reading r) {
        return r.item().at().toString().substring(0, 10);
    }

    /** The mean score of the up to {@link #WINDOW} items before position {@code end} (exclusive). */
    static double rolling(List<SentimentLedger.Scored> history, int end) {
        return history.subList(Math.max(0, end - WINDOW), end).stream()
                .mapToDouble(SentimentLedger.Scored::score).average().orElse(0);
    }
}
