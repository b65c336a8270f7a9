package dev.praxis.eval.report;

import dev.praxis.eval.CaseResult;
import dev.praxis.eval.CheckResult;
import dev.praxis.eval.Comparison;
import dev.praxis.eval.Metrics;
import dev.praxis.eval.SuiteResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite run or a comparison as one self-contained HTML page: inline CSS and inline SVG charts
 * (latency distribution, per-check pass rates), no scripts, no external resources, so it opens
 * offline and can be attached to a build. All text from cases and models is escaped.
 */
public final class HtmlReport {

    private static final int BINS = 10;
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;"
            + "vertical-align:top}th{background:#f3f3f3}.pass{color:#176d2c}.fail{color:#a4161a}"
            + "svg text{font-size:12px;fill:#333}.bar{fill:#3b6ea8}.track{fill:#e6e6e6}"
            + ".charts{display:flex;flex-wrap:wrap;gap:2em}pre{white-space:pre-wrap;margin:0;max-width:40em}";

    private HtmlReport() {
    }

    /** The run: metrics, charts and one row per case with its check details. */
    public static String render(SuiteResult result) {
        StringBuilder html = open("Eval: " + result.suite() + " (" + result.label() + ")");
        html.append(metricsTable(List.of(result)));
        html.append("<div class=\"charts\"><figure>").append(latency(result))
                .append("<figcaption>Latency distribution</figcaption></figure><figure>")
                .append(Svg.rates("per-check pass rate", result.metrics().checkPassRates()))
                .append("<figcaption>Pass rate per check</figcaption></figure></div>");
        html.append("<h2>Cases</h2><table><tr><th>case</th><th>status</th><th>latency</th><th>steps</th>")
                .append("<th>tokens</th><th>output</th><th>checks</th></tr>");
        for (CaseResult c : result.cases()) {
            html.append("<tr><td>").append(Html.escape(c.caseId())).append("</td><td class=\"")
                    .append(c.passed() ? "pass" : "fail").append("\">").append(c.status())
                    .append(c.passed() ? " (passed)" : " (failed)").append("</td><td>")
                    .append(Format.ms(c.latency())).append("</td><td>").append(c.steps()).append("</td><td>")
                    .append(c.usage().totalTokens()).append("</td><td><pre>").append(Html.escape(c.output()))
                    .append("</pre></td><td>").append(checks(c)).append("</td></tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    /** The comparison: metrics side by side, both latency charts, check pass rates, and per-case winners. */
    public static String render(Comparison comparison) {
        SuiteResult a = comparison.a();
        SuiteResult b = comparison.b();
        StringBuilder html = open("Comparison: " + a.suite() + " — " + a.label() + " vs " + b.label());
        html.append(metricsTable(List.of(a, b)));
        html.append("<div class=\"charts\">");
        for (SuiteResult run : List.of(a, b)) {
            html.append("<figure>").append(latency(run)).append("<figcaption>Latency: ")
                    .append(Html.escape(run.label())).append("</figcaption></figure>");
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        a.metrics().checkPassRates().forEach((k, v) -> rates.put(a.label() + ": " + k, v));
        b.metrics().checkPassRates().forEach((k, v) -> rates.put(b.label() + ": " + k, v));
        html.append("<figure>").append(Svg.rates("per-check pass rate", rates))
                .append("<figcaption>Pass rate per check</figcaption></figure></div>");
        html.append("<p>").append(Html.escape(a.label())).append(" wins ").append(comparison.aWins()).append(", ")
                .append(Html.escape(b.label())).append(" wins ").append(comparison.bWins()).append(".</p>");
        html.append("<table><tr><th>case</th><th>").append(Html.escape(a.label())).append("</th><th>")
                .append(Html.escape(b.label())).append("</th></tr>");
        for (Comparison.Pair pair : comparison.cases()) {
            html.append("<tr><td>").append(Html.escape(pair.a().caseId())).append("</td>").append(outcome(pair.a()))
                    .append(outcome(pair.b())).append("</tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
                .append(Html.escape(title)).append("</title><style>").append(STYLE).append("</style></head><body><h1>")
                .append(Html.escape(title)).append("</h1>");
    }

    private static String latency(SuiteResult run) {
        return Svg.histogram("latency of " + run.label(),
                run.cases().stream().map(c -> c.latency().toMillis()).toList(), BINS);
    }

    private static String metricsTable(List<SuiteResult> runs) {
        StringBuilder t = new StringBuilder("<table><tr><th>metric</th>");
        runs.forEach(r -> t.append("<th>").append(Html.escape(r.label())).append("</th>"));
        t.append("</tr>");
        row(t, "cases", runs, m -> String.valueOf(m.cases()));
        row(t, "completion rate", runs, m -> Format.percent(m.completionRate()));
        row(t, "pass rate", runs, m -> Format.percent(m.passRate()));
        row(t, "latency p50 / p95", runs, m -> Format.ms(m.latencyP50()) + " / " + Format.ms(m.latencyP95()));
        row(t, "mean steps", runs, m -> Format.decimal(m.meanSteps()));
        row(t, "tokens in / out", runs, m -> m.usage().inputTokens() + " / " + m.usage().outputTokens());
        row(t, "cost", runs, m -> m.cost().toPlainString());
        row(t, "BLEU-4 (corpus)", runs, m -> Format.optional(m.bleu()));
        row(t, "ROUGE-L F1 (mean)", runs, m -> Format.optional(m.rougeL()));
        row(t, "judge score (mean)", runs, m -> Format.optional(m.judgeScore()));
        return t.append("</table>").toString();
    }

    private static void row(StringBuilder t, String name, List<SuiteResult> runs,
                            java.util.function.Function<Metrics, String> value) {
        t.append("<tr><td>").append(name).append("</td>");
        runs.forEach(r -> t.append("<td>").append(Html.escape(value.apply(r.metrics()))).append("</td>"));
        t.append("</tr>");
    }

    private static String checks(CaseResult c) {
        StringBuilder s = new StringBuilder();
        if (!c.completed()) {
            s.append("<div class=\"fail\">").append(Html.escape(c.reason())).append("</div>");
        }
        for (CheckResult check : c.checks()) {
            s.append("<div class=\"").append(check.passed() ? "pass" : "fail").append("\">")
                    .append(Html.escape(check.check())).append(": ").append(Html.escape(check.detail())).append("</div>");
        }
        return s.toString();
    }

    private static String outcome(CaseResult c) {
        return "<td class=\"" + (c.passed() ? "pass\">pass" : "fail\">fail") + " (" + Format.ms(c.latency()) + ")</td>";
    }
}
