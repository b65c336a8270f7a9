package dev.praxis.examples.finance;

import dev.praxis.examples.ExampleContext;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinanceMonitorTest {

    @TempDir
    Path data;

    @Test
    void badNewsRaisesAnAlertForItsTickerOnlyAndPersistsWithoutDuplicates() throws Exception {
        List<NewsItem> feed = List.of(
                item("2026-11-02T08:00:00Z", "GOOD", "Good Corp beats earnings estimates and raises its dividend"),
                item("2026-11-02T09:00:00Z", "BAD", "Bad Corp shares plunge after a profit warning"),
                item("2026-11-03T08:00:00Z", "GOOD", "Good Corp wins a record contract and hires 500 engineers"),
                item("2026-11-03T09:00:00Z", "BAD", "Bad Corp cuts 2,000 jobs as losses widen"),
                item("2026-11-04T09:00:00Z", "BAD", "Regulators open a fraud investigation into Bad Corp"));

        String first = run(feed);

        assertThat(first).startsWith("Model: none needed").contains("5 new, 0 already stored");
        assertThat(score(first, "BAD")).isNegative();
        assertThat(score(first, "GOOD")).isPositive();
        assertThat(first).containsPattern("ALERT BAD: rolling sentiment -\\d\\.\\d+ .*-> raised alert for BAD")
                .doesNotContain("ALERT GOOD");
        Path db = data.resolve("finance-monitor").resolve("sentiment.db");
        assertThat(db).exists();
        assertThat(count(db, "items")).isEqualTo(5);
        assertThat(count(db, "alerts")).isEqualTo(1);

        String second = run(feed);

        assertThat(second).contains("0 new, 5 already stored").contains("already raised alert for BAD")
                .doesNotContain("-> raised");
        assertThat(count(db, "items")).isEqualTo(5);
        assertThat(count(db, "alerts")).isEqualTo(1);
    }

    @Test
    void bundledFeedAlertsOnTheTickerWithBadNewsAndNotOnTheOneWithGood() {
        String out = run(null);

        assertThat(NewsFeed.bundled()).hasSizeBetween(15, 25);
        assertThat(out).contains("ALERT CRVT").doesNotContain("ALERT ACME");
        assertThat(score(out, "CRVT")).isNegative();
        assertThat(score(out, "ACME")).isPositive();
    }

    @Test
    void theAlertToolWritesAndTheSentimentToolOnlyReads() {
        var tools = new FinanceMonitor().tools().stream()
                .collect(java.util.stream.Collectors.toMap(dev.praxis.tool.Tool::name, dev.praxis.tool.Tool::sideEffect));

        assertThat(tools).containsEntry("raise_alert", dev.praxis.tool.SideEffect.WRITE)
                .containsEntry("ticker_sentiment", dev.praxis.tool.SideEffect.READ_ONLY);
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

    private String run(List<NewsItem> feed) {
        var bytes = new ByteArrayOutputStream();
        new FinanceMonitor(feed).run(ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data));
        String out = bytes.toString(StandardCharsets.UTF_8);
        return out;
    }

    /** The mean sentiment the per-ticker summary prints for {@code ticker}. */
    private static double score(String out, String ticker) {
        var m = java.util.regex.Pattern.compile("(?m)^  " + ticker + " +\\d+ items  mean ([+-]\\d\\.\\d+)").matcher(out);
        assertThat(m.find()).as("summary line for " + ticker + " in:\n" + out).isTrue();
        return Double.parseDouble(m.group(1));
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
