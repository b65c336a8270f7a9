package dev.praxis.examples.evaluation;

import dev.praxis.agent.Agent;
import dev.praxis.eval.CaseResult;
import dev.praxis.eval.EvalProgress;
import dev.praxis.eval.EvalSuite;
import dev.praxis.eval.Evaluator;
import dev.praxis.eval.Metrics;
import dev.praxis.eval.SuiteResult;
import dev.praxis.eval.report.HtmlReport;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Examples;
import dev.praxis.tool.Tool;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Evaluation: runs an eval suite (JSONL, shipped with the example) over the quick start's
 * agent, prints the metrics and writes the self-contained HTML report. {@code praxis eval}
 * does the same for any suite file and example.
 */
public final class Evaluation implements Example {

    @Override
    public String name() {
        return "evaluation";
    }

    @Override
    public String summary() {
        return "runs an eval suite over the quickstart agent and writes the HTML report";
    }

    @Override
    public List<Tool> tools() {
        return List.of();
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        EvalSuite suite;
        try (InputStream in = Evaluation.class.getResourceAsStream("quickstart-suite.jsonl")) {
            suite = EvalSuite.parse("quickstart-suite", new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Report report = evaluate(suite, Examples.find("quickstart").orElseThrow(), context, 2);
        context.out().println("report: " + report.file());
    }

    /**
     * Runs {@code suite} over {@code example}'s agent with a progress bar, prints one line per
     * case (a failing case with its reason) and the metrics, and writes the HTML report to the
     * example's data directory. What the agent prints while cases run (its tool transcript) is
     * not shown: with several cases in flight it would interleave; the report has the details.
     */
    public static Report evaluate(EvalSuite suite, Example example, ExampleContext context, int concurrency)
            throws Exception {
        PrintStream out = context.out();
        AtomicBoolean muted = new AtomicBoolean();
        try (Conversation conversation = example.open(context.printingTo(mutable(out, muted)))) {
            Agent agent = conversation.agent();
            muted.set(true);
            SuiteResult result = Evaluator.builder(agent).label(example.name()).concurrency(concurrency)
                    .progress(bar(out)).build().run(suite);
            out.println();
            for (CaseResult c : result.cases()) {
                out.println("  " + (c.passed() ? "pass  " + c.caseId() : "FAIL  " + c.caseId() + ": " + why(c)));
            }
            print(result.metrics(), out);
            Path file = context.dir("evaluation").resolve(suite.name() + "-" + example.name() + ".html");
            Files.writeString(file, HtmlReport.render(result));
            return new Report(result, file);
        }
    }

    /**
     * What an evaluation produced.
     *
     * @param result the cases and metrics
     * @param file   the HTML report
     */
    public record Report(SuiteResult result, Path file) {
        /** Rejects nulls. */
        public Report {
            java.util.Objects.requireNonNull(result, "result");
            java.util.Objects.requireNonNull(file, "file");
        }
    }

    /** Why {@code failed} failed: how its run ended, or its first failed check and what the check saw. */
    static String why(CaseResult failed) {
        if (!failed.completed()) {
            return "the run ended " + failed.status() + " - " + failed.reason();
        }
        return failed.firstFailure().map(c -> c.check() + " check failed: " + c.detail()).orElse("no check passed");
    }

    private static PrintStream mutable(PrintStream out, AtomicBoolean muted) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (!muted.get()) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (!muted.get()) {
                    out.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() {
                out.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static EvalProgress bar(PrintStream out) {
        return (result, done, total) -> {
            int width = 30;
            int filled = done * width / total;
            synchronized (out) {
                out.print("\r[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total);
                out.flush();
            }
        };
    }

    private static void print(Metrics m, PrintStream out) {
        out.printf("cases %d, passed %.0f%%, completed %.0f%%, latency p50 %d ms, p95 %d ms, mean steps %.1f%n",
                m.cases(), m.passRate() * 100, m.completionRate() * 100, m.latencyP50().toMillis(),
                m.latencyP95().toMillis(), m.meanSteps());
    }

}
