package dev.praxis.examples.finance;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import dev.praxis.tool.ToolException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The monitor agent's desk: the portfolio, the alert log and the report. The monitor puts
 * each reading that fell to the threshold here ({@link #flag}); the agent decides whether it
 * deserves an alert ({@code raise_alert}, keyed by ticker and time, so a second run raises
 * nothing twice) and writes the report. Thread-safe.
 */
public final class MonitorDesk {

    /** A rolling reading at or below the threshold, waiting for the agent's decision. */
    record Flag(String ticker, Instant at, double rolling, String headline) {
    }

    private final SentimentLedger ledger;
    private final Map<String, Long> shares;
    private final Path report;
    private final Map<String, Flag> flags = new ConcurrentHashMap<>();
    private volatile String findings = "";

    /** A desk over {@code ledger}, holding {@code shares} per ticker, writing the report to {@code report}. */
    public MonitorDesk(SentimentLedger ledger, Map<String, Long> shares, Path report) {
        this.ledger = ledger;
        this.shares = Map.copyOf(shares);
        this.report = report;
    }

    void flag(Flag flag) {
        flags.put(flag.ticker(), flag);
    }

    void findings(String text) {
        this.findings = text;
    }

    @Tool(name = "portfolio_position", value = "Looks up how many shares of a stock ticker the portfolio holds")
    @SideEffects(SideEffect.READ_ONLY)
    public String portfolioPosition(@P("the stock ticker, such as ACME") String ticker) {
        String t = ticker.strip().toUpperCase(Locale.ROOT);
        long held = shares.getOrDefault(t, 0L);
        return held == 0 ? "the portfolio holds no " + t : "the portfolio holds " + held + " shares of " + t;
    }

    @Tool(name = "raise_alert", value = "Raises an alert in the alert log for a stock ticker whose news sentiment fell"
            + " to the threshold, with the reason (warn, flag, alert the desk)")
    @SideEffects(SideEffect.WRITE)
    public String raiseAlert(@P("the stock ticker") String ticker, @P("why, in one sentence") String reason) {
        Flag flag = flags.get(ticker.strip().toUpperCase(Locale.ROOT));
        if (flag == null) {
            throw new ToolException("no reading of " + ticker + " fell to the threshold; flagged: " + flags.keySet());
        }
        return ledger.raiseAlert(flag.ticker(), flag.at().toString(), flag.rolling(), reason.strip());
    }

    @Tool(name = "write_report", value = "Writes the monitoring report: threshold, held-back results, alerts, and the"
            + " given summary (report, summary of the day)")
    @SideEffects(SideEffect.WRITE)
    public String writeReport(@P("a short summary in your words") String summary) {
        String alerts = ledger.alerts().stream().map(a -> String.format(Locale.ROOT, "- %s at %s (rolling %+.3f): %s",
                a.ticker(), a.at(), a.rolling(), a.reason())).collect(Collectors.joining("\n"));
        String text = "# Sentiment monitor report\n\n" + findings + "\n\n## Alerts\n\n"
                + (alerts.isEmpty() ? "none" : alerts) + "\n\n## Summary\n\n" + summary.strip() + "\n";
        try {
            Files.writeString(report, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolException("cannot write the report " + report + ": " + e.getMessage());
        }
        return "report written to " + report + " (" + ledger.alerts().size() + " alert(s))";
    }

    /** The bundled portfolio ({@code portfolio.csv}: ticker,shares). */
    static Map<String, Long> bundledPortfolio() {
        try (InputStream in = MonitorDesk.class.getResourceAsStream("portfolio.csv")) {
            Map<String, Long> shares = new TreeMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList()) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    shares.put(f[0].strip(), Long.parseLong(f[1].strip()));
                }
            }
            return shares;
        } catch (IOException e) {
            throw new UncheckedIOException("portfolio.csv is missing from the example", e);
        }
    }
}
