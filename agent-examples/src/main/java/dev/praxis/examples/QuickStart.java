package dev.praxis.examples;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.util.List;

/** The README's first example: an agent with arithmetic tools answers questions. */
public final class QuickStart implements Example {

    private static final List<String> QUESTIONS = List.of(
            "What is 1234 times 5678?", "subtract 10 minus 58", "divide 7 by 0", "Tell me a poem about the sea");

    /** Runs the quick start; an argument replaces the default questions. */
    public static void main(String[] args) {
        Models.stayOffline();
        LlmClient llm = Models.choose(System.getenv(), System.out);
        LlmAgent agent = agent(llm);
        for (String question : args.length > 0 ? List.of(String.join(" ", args)) : QUESTIONS.subList(0, 1)) {
            AgentResult result = agent.run(question);
            System.out.println("Q: " + question);
            System.out.println("A: " + result.output());
            System.out.println("(" + result.status() + " in " + result.steps().size() + " steps: " + result.reason() + ")");
        }
    }

    static LlmAgent agent(LlmClient llm) {
        return LlmAgent.builder()
                .name("quickstart")
                .llm(llm)
                .tools(new Arithmetic())
                .systemPrompt("You are a precise assistant. Use the tools for arithmetic.")
                .build();
    }

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "an agent with four arithmetic tools answers questions (the README's example)";
    }

    @Override
    public List<Tool> tools() {
        return Tools.from(new Arithmetic());
    }

    @Override
    public void run(ExampleContext context) {
        LlmAgent agent = agent(context.model(OfflineLlm::basic)).toBuilder().listener(context.listener()).build();
        for (String question : QUESTIONS) {
            AgentResult result = agent.run(question);
            context.out().println("Q: " + question);
            context.out().println(result.status() == Status.COMPLETED ? "A: " + result.output()
                    : "(" + result.status() + ": " + result.reason() + ")");
        }
    }

    @Override
    public Conversation open(ExampleContext context) {
        LlmAgent agent = LlmAgent.builder().name("quickstart").llm(context.model(OfflineLlm::basic))
                .tools(new Arithmetic()).listener(new Transcript(context.out())).listener(context.listener())
                .systemPrompt("You are a precise assistant. Use the tools for arithmetic.").build();
        return new Conversation(agent, MemoryScope.of("you", "chat"), () -> { });
    }

}
