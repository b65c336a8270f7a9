package dev.praxis.examples.cli;

import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Examples;
import dev.praxis.examples.Models;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@code praxis} command. Without a subcommand it runs every example, one after the
 * other, with the configured model or offline.
 */
@Command(name = "praxis", mixinStandardHelpOptions = true, version = "praxis 0.1.0-SNAPSHOT",
        description = {"Runs the Praxis examples and talks to their agents.",
                "Without a command: runs every example. The model is PRAXIS_MODEL if set, else offline mode (no LLM).",
                "Exit status: 0 when every agent run completed, 1 when one did not (its status and reason are printed)",
                "or an eval fell below its pass threshold, 2 for a usage error."},
        subcommands = {RunCommand.class, ChatCommand.class, EvalCommand.class, ToolsCommand.class, TraceCommand.class,
                CommandLine.HelpCommand.class})
public final class PraxisCli implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.praxis/examples",
            description = "Where examples keep their files between runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    final PrintStream out;
    final InputStream in;
    final Map<String, String> env;

    PraxisCli(PrintStream out, InputStream in, Map<String, String> env) {
        this.out = Objects.requireNonNull(out, "out");
        this.in = Objects.requireNonNull(in, "in");
        this.env = Map.copyOf(env);
    }

    /** Runs the command line {@code args}; exits with its status. */
    public static void main(String[] args) {
        Models.stayOffline();
        System.exit(commandLine(System.out, System.in, System.getenv()).execute(args));
    }

    /** The command line reading {@code in}, printing to {@code out}, configured by {@code env}. */
    public static CommandLine commandLine(PrintStream out, InputStream in, Map<String, String> env) {
        CommandLine cli = new CommandLine(new PraxisCli(out, in, env));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("praxis: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    /**
     * The context for one command: the model's failures diagnosed (and, with {@code failFast},
     * not repeated once the provider is known to be unusable), every agent run reported to
     * {@code outcomes}.
     */
    ExampleContext context(Outcomes outcomes, boolean failFast) {
        return ExampleContext.of(out, env, dataDir).wrapping(ProviderDiagnosis.forEnv(env, failFast)).listening(outcomes);
    }

    @Override
    public Integer call() throws Exception {
        Outcomes outcomes = new Outcomes();
        for (Example example : Examples.all()) {
            out.println("=== " + example.name() + ": " + example.summary());
            example.run(context(outcomes, true));
            out.println();
        }
        out.println("Ran " + Examples.all().size() + " examples. Next: praxis --help, praxis chat, praxis run <example>.");
        return outcomes.report(out);
    }

    /** The example called {@code name}, or a usage error listing the names. */
    static Example example(CommandSpec spec, String name) {
        return Examples.find(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown example '" + name + "'; choose one of: " + String.join(", ", Examples.names())));
    }
}
