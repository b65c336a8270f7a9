package dev.praxis.eval.report;

import dev.praxis.eval.CaseResult;
import dev.praxis.eval.Comparison;
import dev.praxis.eval.Metrics;
import dev.praxis.eval.SuiteResult;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A suite run or a comparison as GitHub-flavoured Markdown tables, for pull requests and notes. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The run: metrics, per-check pass rates, then one row per case. */
    public static String render(SuiteResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# Eval: ").append(cell(result.suite())).append(" (").append(cell(result.label())).append(")\n\n");
        md.append("| metric | value |\n|---|---|\n");
        for (Row row : rows()) {
            md.append("| ").append(row.name).append(" | ").append(row.value.apply(result.metrics())).append(" |\n");
        }
        md.append("\n## Checks\n\n| check | pass rate |\n|---|---|\n");
        result.metrics().checkPassRates().forEach((check, rate) ->
                md.append("| ").append(cell(check)).append(" | ").append(Format.percent(rate)).append(" |\n"));
        md.append("\n## Cases\n\n| case | status | passed | latency | steps | tokens | first failure |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (CaseResult c : result.cases()) {
            md.append("| ").append(cell(c.caseId())).append(" | ").append(c.status()).append(" | ")
                    .append(c.passed() ? "yes" : "no").append(" | ").append(Format.ms(c.latency())).append(" | ")
                    .append(c.steps()).append(" | ").append(c.usage().totalTokens()).append(" | ")
                    .append(cell(c.firstFailure().map(f -> f.check() + ": " + f.detail())
                            .orElse(c.completed() ? "" : c.reason()))).append(" |\n");
        }
        return md.toString();
    }

    /** The comparison: metrics side by side with the difference, then the cases where they differ. */
    public static String render(Comparison comparison) {
        SuiteResult a = comparison.a();
        SuiteResult b = comparison.b();
        StringBuilder md = new StringBuilder();
        md.append("# Comparison: ").append(cell(a.suite())).append("\n\n| metric | ").append(cell(a.label()))
                .append(" | ").append(cell(b.label())).append(" |\n|---|---|---|\n");
        for (Row row : rows()) {
            md.append("| ").append(row.name).append(" | ").append(row.value.apply(a.metrics())).append(" | ")
                    .append(row.value.apply(b.metrics())).append(" |\n");
        }
        Set<String> checks = new LinkedHashSet<>(a.metrics().checkPassRates().keySet());
        checks.addAll(b.metrics().checkPassRates().keySet());
        for (String check : checks) {
            md.append("| check ").append(cell(check)).append(" | ").append(rate(a.metrics(), check)).append(" | ")
                    .append(rate(b.metrics(), check)).append(" |\n");
        }
        md.append("\n").append(cell(a.label())).append(" wins ").append(comparison.aWins()).append(", ")
                .append(cell(b.label())).append(" wins ").append(comparison.bWins()).append(", ties ")
                .append(comparison.cases().size() - comparison.aWins() - comparison.bWins()).append(".\n");
        md.append("\n| case | ").append(cell(a.label())).append(" | ").append(cell(b.label()))
                .append(" | winner |\n|---|---|---|---|\n");
        for (Comparison.Pair pair : comparison.cases()) {
            String winner = switch (pair.winner()) {
                case "a" -> cell(a.label());
                case "b" -> cell(b.label());
                default -> "tie";
            };
            md.append("| ").append(cell(pair.a().caseId())).append(" | ").append(pair.a().passed() ? "pass" : "fail")
                    .append(" | ").append(pair.b().passed() ? "pass" : "fail").append(" | ").append(winner).append(" |\n");
        }
        return md.toString();
    }

    private record Row(String name, Function<Metrics, String> value) {
    }

    private static List<Row> rows() {
        return List.of(new Row("cases", m -> String.valueOf(m.cases())),
                new Row("completion rate", m -> Format.percent(m.completionRate())),
                new Row("pass rate", m -> Format.percent(m.passRate())),
                new Row("latency p50", m -> Format.ms(m.latencyP50())),
                new Row("latency p95", m -> Format.ms(m.latencyP95())),
                new Row("mean steps", m -> Format.decimal(m.meanSteps())),
                new Row("tokens (in/out)", m -> m.usage().inputTokens() + " / " + m.usage().outputTokens()),
                new Row("cost", m -> m.cost().toPlainString()),
                new Row("BLEU-4 (corpus)", m -> Format.optional(m.bleu())),
                new Row("ROUGE-L F1 (mean)", m -> Format.optional(m.rougeL())),
                new Row("judge score (mean)", m -> Format.optional(m.judgeScore())));
    }

    private static String rate(Metrics m, String check) {
        Double rate = m.checkPassRates().get(check);
        return rate == null ? "n/a" : Format.percent(rate);
    }

    /** Text safe inside a table cell: pipes escaped, line breaks flattened, HTML-ish brackets escaped. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("\\R", " ");
    }
}
