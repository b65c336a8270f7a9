package dev.praxis.examples;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;

/** The README's first example: an agent with arithmetic tools answers a question. */
public final class QuickStart {

    private QuickStart() {
    }

    /** Runs the quick start; an argument replaces the default question. */
    public static void main(String[] args) {
        Models.stayOffline();
        LlmClient llm = Models.choose(System.getenv(), System.out);
        Agent agent = LlmAgent.builder()
                .llm(llm)
                .tools(new Arithmetic())
                .systemPrompt("You are a precise assistant. Use the tools for arithmetic.")
                .build();
        String question = args.length > 0 ? String.join(" ", args) : "What is 1234 times 5678?";
        AgentResult result = agent.run(question);
        System.out.println("Q: " + question);
        System.out.println("A: " + result.output());
        System.out.println("(" + result.status() + " in " + result.steps().size() + " steps: " + result.reason() + ")");
    }
}
