package dev.praxis.examples.cli;

import dev.praxis.examples.Example;
import dev.praxis.agent.AgentListener;
import dev.praxis.observe.EventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code praxis run <example>}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {"Runs one example.",
        "Exits 1 when one of its agent runs ends in anything but COMPLETED, after printing its status and reason."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXAMPLE", completionCandidates = ExampleNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Also write every agent event to FILE (JSONL, secrets masked); praxis trace FILE shows it.")
    Path events;

    @ParentCommand
    PraxisCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Example example = PraxisCli.example(spec, name);
        parent.out.println("=== " + example.name() + ": " + example.summary());
        Outcomes outcomes = new Outcomes();
        if (events == null) {
            example.run(parent.context(outcomes, true));
            return outcomes.report(parent.out);
        }
        try (EventLog log = EventLog.to(events)) {
            var context = parent.context(outcomes, true);
            example.run(context.listening(AgentListener.all(List.of(outcomes, log))));
        }
        parent.out.println("events: " + events.toAbsolutePath() + " (praxis trace " + events + ")");
        return outcomes.report(parent.out);
    }
}
