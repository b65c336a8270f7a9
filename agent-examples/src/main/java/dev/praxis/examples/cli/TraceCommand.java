package dev.praxis.examples.cli;

import dev.praxis.observe.TracePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code praxis trace <events.jsonl>}: the run viewer. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Turns an event log (JSONL, written by EventLog or praxis run --events) into one",
                "self-contained HTML page: timeline per agent, model and tool calls, approvals, guardrails, retries."})
final class TraceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The event log (see docs/observability.md).")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "HTML", description = "Where to write the page (default: FILE with .html).")
    Path output;

    @ParentCommand
    PraxisCli parent;

    @Override
    public Integer call() throws Exception {
        Path page = output != null ? output
                : file.resolveSibling(file.getFileName().toString().replaceFirst("\\.jsonl?$", "") + ".html");
        Files.writeString(page, TracePage.render(file));
        parent.out.println("trace: " + page.toAbsolutePath());
        return 0;
    }
}
