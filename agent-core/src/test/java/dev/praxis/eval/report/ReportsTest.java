package dev.praxis.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.eval.CaseResult;
import dev.praxis.eval.CheckResult;
import dev.praxis.eval.Comparison;
import dev.praxis.eval.Metrics;
import dev.praxis.eval.SuiteResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    private static final String HOSTILE = "<script>alert('x')</script> | & \"quoted\"";

    private static CaseResult result(String id, String output, boolean pass, long ms) {
        return new CaseResult(id, "input " + id, List.of("the answer is " + id), output,
                pass ? Status.COMPLETED : Status.BUDGET_EXHAUSTED, pass ? "final answer" : "step budget exhausted",
                List.of(CheckResult.of("contains", pass, pass ? "ok" : "missing"),
                        new CheckResult("judge", pass, pass ? 0.9 : 0.2, "graded")),
                Duration.ofMillis(ms), 2, new Usage(100, 20), new BigDecimal("0.0001"));
    }

    private static SuiteResult run(String label, boolean allPass) {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean pass = allPass || i % 2 == 0;
            cases.add(result("c" + i, i == 3 ? HOSTILE : "the answer is c" + i, pass, 100 + 10L * i));
        }
        return new SuiteResult("demo", label, Instant.parse("2026-11-28T04:00:00Z"), cases, Metrics.of(cases));
    }

    private static Document xml(String html) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static long count(Document doc, String tag, String cssClass) {
        NodeList nodes = doc.getElementsByTagName(tag);
        long n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).getAttribute("class").equals(cssClass)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void jsonCarriesMetricsAndEveryCase() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(run("base", false)));

        assertThat(json.get("suite").asText()).isEqualTo("demo");
        JsonNode m = json.get("metrics");
        assertThat(m.get("cases").asInt()).isEqualTo(20);
        assertThat(m.get("passRate").asDouble()).isEqualTo(0.5);
        assertThat(m.get("completionRate").asDouble()).isEqualTo(0.5);
        assertThat(m.get("latencyP50Ms").asLong()).isEqualTo(190);
        assertThat(m.get("latencyP95Ms").asLong()).isEqualTo(280);
        assertThat(m.get("inputTokens").asLong()).isEqualTo(2000);
        assertThat(m.get("cost").decimalValue()).isEqualByComparingTo("0.0020");
        assertThat(m.get("judgeScore").asDouble()).isEqualTo(0.55);
        assertThat(m.get("checkPassRates").get("contains").asDouble()).isEqualTo(0.5);
        assertThat(json.get("cases")).hasSize(20);
        assertThat(json.get("cases").get(3).get("output").asText()).isEqualTo(HOSTILE);
        assertThat(json.get("cases").get(0).get("checks").get(1).get("score").asDouble()).isEqualTo(0.9);
    }

    @Test
    void markdownHasMetricTableAndSafeCells() {
        String md = MarkdownReport.render(run("base", false));

        assertThat(md).startsWith("# Eval: demo (base)")
                .contains("| pass rate | 50.0% |", "| latency p95 | 280 ms |", "| contains | 50.0% |",
                        "| c1 | BUDGET_EXHAUSTED | no | 110 ms | 2 | 120 | contains: missing |");
        assertThat(md.lines().filter(l -> l.matches("\\| c\\d+ \\|.*")).count()).isEqualTo(20);
        assertThat(MarkdownReport.cell("a|b\nc <x>")).isEqualTo("a\\|b c &lt;x&gt;");
    }

    @Test
    void htmlIsSelfContainedWellFormedAndEscaped() throws Exception {
        String html = HtmlReport.render(run("base", false));

        assertThat(html).doesNotContain("<script", "http:", "https:", "src=", "<link", "@import");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        Document doc = xml(html);
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(2);
        // 10 latency bins plus one bar per check
        assertThat(count(doc, "rect", "bar")).isEqualTo(10 + 2);
        assertThat(count(doc, "rect", "track")).isEqualTo(2);
        assertThat(doc.getElementsByTagName("tr").getLength()).isGreaterThan(20);
    }

    @Test
    void comparisonReportsShowBothConfigurationsSideBySide() throws Exception {
        Comparison c = Comparison.of(run("baseline", false), run("candidate", true));

        String md = MarkdownReport.render(c);
        String html = HtmlReport.render(c);
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(c));

        assertThat(md).contains("| metric | baseline | candidate |", "| pass rate | 50.0% | 100.0% |",
                "| check judge | 50.0% | 100.0% |", "baseline wins 0, candidate wins 10, ties 10.",
                "| c1 | fail | pass | candidate |");
        assertThat(json.get("bWins").asInt()).isEqualTo(10);
        assertThat(json.get("b").get("metrics").get("passRate").asDouble()).isEqualTo(1.0);
        Document doc = xml(html);
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(3);
        assertThat(count(doc, "rect", "bar")).isEqualTo(10 + 10 + 4);
        assertThat(html).doesNotContain("<script", "http:");
    }
}
