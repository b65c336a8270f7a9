package dev.praxis.examples.cli;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.llm.LlmDecorator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code praxis chat}: a read-eval-print loop with one example's agent, streaming its answers. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talks to an example's agent, one line at a time; answers stream as they arrive.",
                "The conversation is remembered across turns. Type /quit (or end input) to leave.",
                "Approvals fail closed: only y or yes approves; end of input, a time out or any other answer refuses."})
final class ChatCommand implements Callable<Integer> {

    @Option(names = {"-e", "--example"}, paramLabel = "EXAMPLE", defaultValue = "quickstart",
            completionCandidates = ExampleNames.class,
            description = "Whose agent to talk to (default: ${DEFAULT-VALUE}). One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--approval-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long an approval question waits for y/n before it counts as no (default: ${DEFAULT-VALUE}).")
    long approvalTimeout;

    @ParentCommand
    PraxisCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Example example = PraxisCli.example(spec, name);
        if (approvalTimeout <= 0) {
            throw new ParameterException(spec.commandLine(), "--approval-timeout must be at least 1 second, not " + approvalTimeout);
        }
        PrintStream out = parent.out;
        // piped input is not echoed by a terminal: echo it, so the transcript reads as a dialogue
        boolean echo = System.console() == null || parent.in != System.in;
        Keyboard person = new Keyboard(parent.in, out, echo, Duration.ofSeconds(approvalTimeout));
        var context = parent.context(new Outcomes(), false);
        LlmDecorator diagnosed = context.wrap();
        StreamingEcho streaming = new StreamingEcho(out);
        try (Conversation conversation = example.open(
                context.wrapping(llm -> streaming.decorate(diagnosed.decorate(llm))).askingPerson(person))) {
            out.println("Talking to " + example.name() + " (" + example.summary() + "). /quit to leave.");
            while (true) {
                out.print("you> ");
                out.flush();
                String line = person.next().orElse(null);
                if (line == null) {
                    return 0;
                }
                if (line.strip().equals("/quit") || line.strip().equals("/exit")) {
                    out.println();
                    return 0;
                }
                if (!line.isBlank()) {
                    AgentResult result = conversation.send(line.strip());
                    if (result.status() != Status.COMPLETED) {
                        out.println("(" + result.status() + ": " + result.reason() + ")");
                    }
                }
            }
        } catch (UnsupportedOperationException e) {
            out.println(e.getMessage());
            return 2;
        }
    }
}
