package dev.praxis.examples.cli;

import dev.praxis.examples.Example;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code praxis run <example>}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {"Runs one example.",
        "Exits 1 when one of its agent runs ends in anything but COMPLETED, after printing its status and reason."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXAMPLE", completionCandidates = ExampleNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @ParentCommand
    PraxisCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Example example = PraxisCli.example(spec, name);
        parent.out.println("=== " + example.name() + ": " + example.summary());
        Outcomes outcomes = new Outcomes();
        example.run(parent.context(outcomes, true));
        return outcomes.report(parent.out);
    }
}
