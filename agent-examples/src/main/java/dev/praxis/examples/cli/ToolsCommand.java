package dev.praxis.examples.cli;

import dev.praxis.examples.Example;
import dev.praxis.examples.Examples;
import dev.praxis.tool.Tool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code praxis tools [example]}. */
@Command(name = "tools", mixinStandardHelpOptions = true,
        description = "Lists the examples' tools with their side-effect class (READ_ONLY, WRITE, EXTERNAL).")
final class ToolsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXAMPLE", arity = "0..1", completionCandidates = ExampleNames.class,
            description = "Only this example's tools. One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @ParentCommand
    PraxisCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Example> examples = name == null ? Examples.all() : List.of(PraxisCli.example(spec, name));
        parent.out.printf("%-18s %-20s %-10s %s%n", "EXAMPLE", "TOOL", "EFFECT", "DESCRIPTION");
        for (Example example : examples) {
            for (Tool tool : example.tools()) {
                parent.out.printf("%-18s %-20s %-10s %s%n", example.name(), tool.name(), tool.sideEffect(),
                        tool.spec().description());
            }
        }
        return 0;
    }
}
