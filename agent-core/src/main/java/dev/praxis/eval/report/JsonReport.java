package dev.praxis.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.eval.CaseResult;
import dev.praxis.eval.CheckResult;
import dev.praxis.eval.Comparison;
import dev.praxis.eval.Metrics;
import dev.praxis.eval.SuiteResult;

import java.io.UncheckedIOException;
import java.util.OptionalDouble;

/**
 * A suite run or a comparison as JSON, for dashboards and regression checks in CI. Latencies
 * are in milliseconds; metrics that do not apply (BLEU without references) are {@code null}.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The run as pretty-printed JSON. */
    public static String render(SuiteResult result) {
        return write(tree(result));
    }

    /** The comparison as pretty-printed JSON: both runs, then per case who won. */
    public static String render(Comparison comparison) {
        ObjectNode root = JSON.createObjectNode();
        root.set("a", tree(comparison.a()));
        root.set("b", tree(comparison.b()));
        root.put("aWins", comparison.aWins()).put("bWins", comparison.bWins());
        ArrayNode cases = root.putArray("cases");
        for (Comparison.Pair pair : comparison.cases()) {
            cases.addObject().put("id", pair.a().caseId()).put("aPassed", pair.a().passed())
                    .put("bPassed", pair.b().passed()).put("winner", pair.winner());
        }
        return write(root);
    }

    static ObjectNode tree(SuiteResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suite", result.suite()).put("label", result.label()).put("startedAt", result.startedAt().toString());
        root.set("metrics", metrics(result.metrics()));
        ArrayNode cases = root.putArray("cases");
        for (CaseResult c : result.cases()) {
            ObjectNode node = cases.addObject().put("id", c.caseId()).put("input", c.input()).put("output", c.output())
                    .put("status", c.status().name()).put("reason", c.reason()).put("passed", c.passed())
                    .put("latencyMs", c.latency().toMillis()).put("steps", c.steps())
                    .put("inputTokens", c.usage().inputTokens()).put("outputTokens", c.usage().outputTokens())
                    .put("cost", c.cost());
            optional(node, "rougeL", c.rougeL());
            ArrayNode checks = node.putArray("checks");
            for (CheckResult check : c.checks()) {
                checks.addObject().put("check", check.check()).put("passed", check.passed())
                        .put("score", check.score()).put("detail", check.detail());
            }
        }
        return root;
    }

    private static ObjectNode metrics(Metrics m) {
        ObjectNode node = JSON.createObjectNode().put("cases", m.cases()).put("completionRate", m.completionRate())
                .put("passRate", m.passRate()).put("latencyP50Ms", m.latencyP50().toMillis())
                .put("latencyP95Ms", m.latencyP95().toMillis()).put("meanSteps", m.meanSteps())
                .put("inputTokens", m.usage().inputTokens()).put("outputTokens", m.usage().outputTokens())
                .put("cost", m.cost());
        optional(node, "bleu", m.bleu());
        optional(node, "rougeL", m.rougeL());
        optional(node, "judgeScore", m.judgeScore());
        ObjectNode rates = node.putObject("checkPassRates");
        m.checkPassRates().forEach(rates::put);
        return node;
    }

    private static void optional(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
