package dev.praxis.examples.docs;

import dev.praxis.agent.Agent;
import dev.praxis.agent.LlmAgent;
import dev.praxis.eval.Comparison;
import dev.praxis.eval.EvalSuite;
import dev.praxis.eval.Evaluator;
import dev.praxis.eval.SuiteResult;
import dev.praxis.eval.report.HtmlReport;
import dev.praxis.eval.report.JsonReport;
import dev.praxis.eval.report.MarkdownReport;
import dev.praxis.examples.Arithmetic;
import dev.praxis.llm.Price;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/evaluation.md, compiled and exercised. */
class EvaluationSnippets {

    private static final String SUITE = """
            {"id": "add", "input": "2+3?", "expected": "5", "checks": [{"type": "exact"}, {"type": "tool_called", "tool": "add", "args": {"a": 2, "b": 3}}]}
            {"id": "judged", "input": "Say hello", "expected": "Hello there", "checks": [{"type": "judge", "rubric": "A friendly greeting", "threshold": 0.6}]}
            """;

    /** A fresh scripted agent per run: greets, or adds with the tool. */
    private static Agent agent() {
        return request -> LlmAgent.builder()
                .llm(request.input().startsWith("Say") ? ScriptedLlm.of(text("Hello there"))
                        : ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5")))
                .tools(new Arithmetic()).build().run(request);
    }

    @Test
    void runSuiteAndWriteReports(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("smoke.jsonl"), SUITE);
        Agent agent = agent();
        var judgeLlm = ScriptedLlm.of(text("{\"score\": 8, \"reason\": \"friendly\"}"));
        AtomicInteger finished = new AtomicInteger();
        Path suiteFile = dir.resolve("smoke.jsonl");
        // tag::run[]
        EvalSuite suite = EvalSuite.read(suiteFile);
        SuiteResult result = Evaluator.builder(agent)
                .label("baseline")
                .concurrency(4)                                // cases in flight at once
                .judge(judgeLlm)                               // grades "judge" checks
                .pricing(Price.perMillion("0.15", "0.60"))     // per million input / output tokens
                .progress((done, n, total) -> finished.set(n)) // e.g. drive a terminal progress bar
                .build()
                .run(suite);
        Files.writeString(dir.resolve("report.json"), JsonReport.render(result));
        Files.writeString(dir.resolve("report.md"), MarkdownReport.render(result));
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(result));
        // end::run[]
        assertThat(finished.get()).isEqualTo(2);
        assertThat(result.metrics().passRate()).isEqualTo(1.0);
        assertThat(result.metrics().judgeScore()).hasValue(0.8);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg");
    }

    @Test
    void compareTwoConfigurations() {
        EvalSuite suite = EvalSuite.parse("arith", new java.io.StringReader(
                "{\"id\": \"add\", \"input\": \"2+3?\", \"expected\": \"5\"}"));
        Agent withTools = agent();
        Agent guessing = request -> LlmAgent.builder().llm(ScriptedLlm.of(text("6"))).build().run(request);
        // tag::compare[]
        SuiteResult a = Evaluator.builder(withTools).label("with tools").build().run(suite);
        SuiteResult b = Evaluator.builder(guessing).label("no tools").build().run(suite);
        Comparison comparison = Comparison.of(a, b);
        String markdown = MarkdownReport.render(comparison);
        // end::compare[]
        assertThat(comparison.aWins()).isEqualTo(1);
        assertThat(markdown).contains("| pass rate | 100.0% | 0.0% |");
    }
}
