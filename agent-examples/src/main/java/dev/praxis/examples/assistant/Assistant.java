package dev.praxis.examples.assistant;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.examples.Conversation;
import dev.praxis.examples.Example;
import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.Transcript;
import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A personal assistant: weather, flights and reminders through HTTP tools against small web
 * services it starts on loopback; reminders persist between runs; follow-up questions fill
 * in what the first one left out.
 */
public final class Assistant implements Example {

    static final List<String> DEMO = List.of(
            "What's the weather in Paris tomorrow?",
            "Find me a flight from London to Rome on friday",
            "Remind me to pack my passport on thursday at 8pm",
            "Is there a flight to Berlin?",
            "from Paris the day after tomorrow",
            "What are my reminders?");

    @Override
    public String name() {
        return "assistant";
    }

    @Override
    public String summary() {
        return "weather, flights and reminders via HTTP tools against local services; reminders persist";
    }

    @Override
    public List<Tool> tools() {
        return Tools.from(new TravelTools(URI.create("http://127.0.0.1:9")));
    }

    @Override
    public void run(ExampleContext context) throws Exception {
        try (Conversation conversation = open(context)) {
            context.out().println("(today is " + LocalDate.now(context.clock()) + ")");
            for (String message : DEMO) {
                context.out().println("you> " + message);
                AgentResult result = conversation.send(message);
                context.out().println("assistant> " + result.output());
            }
        }
    }

    @Override
    public Conversation open(ExampleContext context) {
        LocalServices services = LocalServices.start(context.dir(name()).resolve("reminders.json"));
        context.out().println("(weather, flight and reminder services listening on " + services.baseUrl() + ")");
        Set<String> cities = services.cities();
        LlmAgent agent = LlmAgent.builder()
                .name(name())
                .llm(context.model(() -> OfflineLlm.builder().clock(context.clock())
                        .vocabulary("city", cities).vocabulary("from", cities).vocabulary("to", cities).build()))
                .tools(new TravelTools(services.baseUrl()))
                .systemPrompt("You are a personal assistant. Today is " + LocalDate.now(context.clock())
                        + ". Use the tools for weather, flights and reminders; dates are YYYY-MM-DD.")
                .listener(new Transcript(context.out()))
                .listener(context.listener())
                .build();
        return new Conversation(agent, MemoryScope.of("you", "assistant"), services);
    }
}
