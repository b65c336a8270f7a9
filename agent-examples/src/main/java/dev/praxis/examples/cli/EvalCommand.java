package dev.praxis.examples.cli;

import dev.praxis.eval.EvalSuite;
import dev.praxis.examples.Example;
import dev.praxis.examples.evaluation.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code praxis eval <suite.jsonl>}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Runs an eval suite (JSONL, one case per line) over an example's agent,",
                "with a progress bar; prints each case (a failing one with its reason), the metrics",
                "and the path of the HTML report. Exits 1 when fewer cases pass than --pass-threshold."})
final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", description = "The suite file (see docs/evaluation.md).")
    Path suite;

    @Option(names = {"-e", "--example"}, paramLabel = "EXAMPLE", defaultValue = "quickstart",
            completionCandidates = ExampleNames.class,
            description = "Whose agent to evaluate (default: ${DEFAULT-VALUE}). One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "2", description = "Cases in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = {"-t", "--pass-threshold"}, paramLabel = "RATE", defaultValue = "100%",
            description = {"The share of cases that must pass, as 0.8 or 80%% (default: ${DEFAULT-VALUE});",
                    "below it the command exits 1."})
    String threshold;

    @ParentCommand
    PraxisCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Example example = PraxisCli.example(spec, name);
        if (concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1");
        }
        double required = rate(threshold);
        EvalSuite cases = EvalSuite.read(suite);
        Evaluation.Report report = Evaluation.evaluate(cases, example, parent.context(new Outcomes(), true), concurrency);
        parent.out.println("report: " + report.file());
        double passed = report.result().metrics().passRate();
        if (passed + 1e-9 < required) {
            parent.out.printf("praxis: %.0f%% of %d cases passed, below the pass threshold of %.0f%%%n",
                    passed * 100, report.result().cases().size(), required * 100);
            return Outcomes.NOT_COMPLETED;
        }
        return 0;
    }

    private double rate(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        try {
            double value = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t) / (percent ? 100 : 1);
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(),
                "--pass-threshold '" + text + "' is not a share between 0 and 1 (0.8) or a percentage (80%)");
    }
}
