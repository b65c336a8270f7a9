package dev.praxis.examples.finance;

import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinanceMonitorTest {

    @TempDir
    Path data;

    @Test
    void offlineTheAgentAlertsOnTheHeldBackReadingsAndWritesTheReportWithoutDuplicatesOnASecondRun() throws Exception {
        String first = run(null, Map.of(), null);

        assertThat(first).startsWith("Model: " + OfflineLlm.LABEL)
                .contains("Sentiment: MiniLM similarity").contains("20 new, 0 already stored")
                .containsPattern("threshold [+-]\\d\\.\\d{3} lets 2 of 12 alert \\(budget: 1 in 6\\)")
                .contains("held back: the last 8 readings (2026-11-06 to 2026-11-08)")
                .contains("-> raise_alert {\"ticker\":\"CRVT\"").contains("raised alert for CRVT")
                .doesNotContain("raised alert for ACME")
                .contains("-> write_report");
        Path db = data.resolve("finance-monitor/sentiment.db");
        int alerts = count(db, "alerts");
        assertThat(alerts).isPositive();
        assertThat(Files.readString(data.resolve("finance-monitor/report.md"))).contains("## Alerts").contains("CRVT at");

        String second = run(null, Map.of(), null);

        assertThat(second).contains("0 new, 20 already stored").contains("already raised alert for CRVT");
        assertThat(count(db, "items")).isEqualTo(20);
        assertThat(count(db, "alerts")).isEqualTo(alerts);
    }

    @Test
    void theThresholdIsChosenOnTheCalibrationPartAndTheHeldBackPartDoesNotMoveIt() {
        List<NewsItem> bundled = NewsFeed.bundled();
        List<NewsItem> calmerEnding = new ArrayList<>(bundled.subList(0, 12));
        for (NewsItem later : bundled.subList(12, 20)) {
            calmerEnding.add(new NewsItem(later.at(), later.ticker(), later.ticker() + " reports record profit and raises its dividend"));
        }

        String original = threshold(run(bundled, Map.of(), null));
        data = data.resolve("other");
        String calmer = run(calmerEnding, Map.of(), null);

        assertThat(threshold(calmer)).isEqualTo(original);
        assertThat(calmer).contains("held back: the last 8 readings").contains(": 0 at or below the threshold")
                .doesNotContain("-> raise_alert");
    }

    @Test
    void thresholdLetsTheBudgetedShareOfCalibrationReadingsAlert() {
        Threshold t = Threshold.choose(List.of(0.1, -0.3, 0.0, -0.1, 0.2, -0.2), 1.0 / 3);

        assertThat(t.value()).isEqualTo(-0.15, org.assertj.core.data.Offset.offset(1e-9));   // between -0.2 and -0.1
        assertThat(List.of(0.1, -0.3, 0.0, -0.1, 0.2, -0.2).stream().filter(t::alerts).count()).isEqualTo(2);
        assertThatThrownBy(() -> Threshold.choose(List.of(), 0.1)).hasMessageContaining("no calibration readings");
    }

    @Test
    void withAModelTheAgentDecidesFromThePortfolioAndTheModelLineNamesIt() {
        var model = ScriptedLlm.of(
                toolCall("portfolio_position", "{\"ticker\":\"CRVT\"}"),
                toolCall("raise_alert", "{\"ticker\":\"CRVT\",\"reason\":\"300 shares held and the news keeps getting worse\"}"),
                text("Alerted: we hold 300 CRVT."),
                text("Not held; no alert."), text("Not held; no alert."),
                toolCall("write_report", "{\"summary\":\"One alert, CRVT.\"}"), text("Report written."));
        List<NewsItem> feed = feedWithOneHeldBackDrop();

        String out = run(feed, Map.of("PRAXIS_MODEL", "ollama:llama3.2"), model);

        assertThat(out.lines().findFirst().orElseThrow()).startsWith("Model: ").contains("llama3.2")
                .doesNotContain("offline").doesNotContain("none needed");
        assertThat(out).contains("<- the portfolio holds 300 shares of CRVT").contains("agent> Alerted: we hold 300 CRVT.");
        assertThat(model.requests().get(0).messages().toString()).contains("Alert check for CRVT");
    }

    @Test
    void toolsThatChangeNothingOnlyRead() {
        Map<String, SideEffect> effects = new FinanceMonitor().tools().stream()
                .collect(Collectors.toMap(Tool::name, Tool::sideEffect));

        assertThat(effects).containsEntry("raise_alert", SideEffect.WRITE).containsEntry("write_report", SideEffect.WRITE)
                .containsEntry("portfolio_position", SideEffect.READ_ONLY).containsEntry("ticker_sentiment", SideEffect.READ_ONLY);
    }

    @Test
    void aBadFeedLineFailsNamingTheLine() {
        assertThatThrownBy(() -> NewsFeed.parse("""
                {"at":"2026-11-02T08:00:00Z","ticker":"ACME","headline":"fine"}

                {"at":"yesterday","ticker":"ACME","headline":"not fine"}
                """, "feed.jsonl"))
                .isInstanceOf(NewsFeed.FeedFormatException.class)
                .hasMessageContaining("feed.jsonl line 3").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> NewsFeed.parse("{\"at\":\"2026-11-02T08:00:00Z\",\"ticker\":\"ACME\"}", "f"))
                .hasMessageContaining("f line 1: missing text field 'headline'");
    }

    /** Ten calm items, then CRVT's bad news in the held-back part. */
    private static List<NewsItem> feedWithOneHeldBackDrop() {
        List<NewsItem> feed = new ArrayList<>();
        String[] calm = {"ACME holds its annual meeting", "CRVT publishes its quarterly report on schedule"};
        for (int i = 0; i < 6; i++) {
            feed.add(item("2026-11-0" + (i % 5 + 1) + "T0" + (i / 5 + 1) + ":00:00Z", i % 2 == 0 ? "ACME" : "CRVT", calm[i % 2]));
        }
        feed.add(item("2026-11-06T08:00:00Z", "CRVT", "CRVT shares plunge after a profit warning"));
        feed.add(item("2026-11-07T08:00:00Z", "CRVT", "CRVT cuts 2,000 jobs as losses widen"));
        feed.add(item("2026-11-08T08:00:00Z", "CRVT", "Regulators open a fraud investigation into CRVT"));
        feed.add(item("2026-11-09T08:00:00Z", "ACME", "ACME wins a record contract"));
        return feed;
    }

    private String run(List<NewsItem> feed, Map<String, String> env, ScriptedLlm model) {
        var bytes = new ByteArrayOutputStream();
        var context = ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), env, data);
        new FinanceMonitor(feed).run(model == null ? context : context.wrapping(llm -> model));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String threshold(String out) {
        var m = java.util.regex.Pattern.compile("threshold ([+-]\\d\\.\\d{3}) lets").matcher(out);
        assertThat(m.find()).as("threshold line in:\n" + out).isTrue();
        return m.group(1);
    }

    private static int count(Path db, String table) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static NewsItem item(String at, String ticker, String headline) {
        return new NewsItem(Instant.parse(at), ticker, headline);
    }
}
