package dev.praxis.examples.cli;

import dev.praxis.eval.EvalSuite;
import dev.praxis.examples.Example;
import dev.praxis.examples.evaluation.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code praxis eval <suite.jsonl>}. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Runs an eval suite (JSONL, one case per line) over an example's agent,",
                "with a progress bar; prints the metrics and the path of the HTML report."})
final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", description = "The suite file (see docs/evaluation.md).")
    Path suite;

    @Option(names = {"-e", "--example"}, paramLabel = "EXAMPLE", defaultValue = "quickstart",
            completionCandidates = ExampleNames.class,
            description = "Whose agent to evaluate (default: ${DEFAULT-VALUE}). One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "2", description = "Cases in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @ParentCommand
    PraxisCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Example example = PraxisCli.example(spec, name);
        if (concurrency < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--concurrency must be at least 1");
        }
        EvalSuite cases = EvalSuite.read(suite);
        Path report = Evaluation.evaluate(cases, example, parent.context(), concurrency);
        parent.out.println("report: " + report);
        return 0;
    }
}
