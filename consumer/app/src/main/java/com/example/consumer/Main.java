package com.example.consumer;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.TokenWindowMemory;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a user meets first, checked: a tool compiled without -parameters, an agent with its own tool
 * and a session kept in SQLite, and the one-line errors for optional pieces that are not on the
 * class path (only agent-core and agent-memory are). Exits non-zero, listing every failed check.
 */
public final class Main {

    private static final List<String> FAILURES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        unnamedParametersAreRefusedWithAdvice();
        agentWithOwnToolRemembersTheSession();
        missingProvidersNameTheirCoordinates();
        missingOptionalLibrariesNameTheirCoordinates();
        if (!FAILURES.isEmpty()) {
            FAILURES.forEach(f -> System.out.println("consumer check FAILED: " + f));
            System.exit(1);
        }
        System.out.println("consumer check passed: tool, session, parameter names, missing modules");
    }

    private static void unnamedParametersAreRefusedWithAdvice() {
        expectOneLine("tool without parameter names", List.of("-parameters", "@P(name"),
                () -> LlmAgent.builder().llm(request -> { throw new AssertionError("not called"); })
                        .tools(new UnnamedForecasts()).build());
    }

    private static void agentWithOwnToolRemembersTheSession() throws Exception {
        Path db = Files.createTempDirectory("praxis-consumer").resolve("memory.db");
        Forecasts forecasts = new Forecasts();
        List<ChatRequest> requests = new ArrayList<>();
        Deque<ChatResponse> script = new ArrayDeque<>(List.of(
                toolCall("forecast", "{\"city\":\"Oslo\",\"days\":2}"), text("Rain in Oslo."), text("Still rain.")));
        LlmClient llm = request -> {
            requests.add(request);
            return script.removeFirst();
        };
        var session = MemoryScope.of("alice", "trip-1");
        try (JdbcStore store = SqliteStore.open(db)) {
            Agent agent = LlmAgent.builder().llm(llm).tools(forecasts).memory(store.conversations(50)).build();
            AgentResult first = agent.run(AgentRequest.of("Weather in Oslo?").inSession(session));
            check(first.status() == Status.COMPLETED && "Rain in Oslo.".equals(first.output()),
                    "first run: " + first.status() + " " + first.reason());
            check(forecasts.asked.equals(List.of("Oslo/2")), "tool arguments bound by name: " + forecasts.asked);
        }
        try (JdbcStore store = SqliteStore.open(db)) {   // a new process would see the same
            Agent agent = LlmAgent.builder().llm(llm).tools(forecasts).memory(store.conversations(50)).build();
            AgentResult second = agent.run(AgentRequest.of("And after that?").inSession(session));
            check(second.status() == Status.COMPLETED, "second run: " + second.status() + " " + second.reason());
            String sent = requests.get(requests.size() - 1).messages().toString();
            check(sent.contains("Weather in Oslo?") && sent.contains("rain in Oslo for 2 days"),
                    "the session's earlier turn reaches the model: " + sent);
        }
    }

    private static void missingProvidersNameTheirCoordinates() {
        Map<String, String> models = Map.of(
                "openai:gpt-4o-mini", "dev.langchain4j:langchain4j-open-ai",
                "anthropic:claude-sonnet-4-5", "dev.langchain4j:langchain4j-anthropic",
                "gemini:gemini-2.5-flash", "dev.langchain4j:langchain4j-google-ai-gemini",
                "ollama:llama3.2", "dev.langchain4j:langchain4j-ollama",
                "gguf:/models/absent.gguf", "de.kherud:llama");
        models.forEach((model, coordinates) -> expectOneLine("PRAXIS_MODEL=" + model, List.of(coordinates),
                () -> LlmClients.from(Map.of(LlmClients.MODEL, model, LlmClients.API_KEY, "key"))));
    }

    private static void missingOptionalLibrariesNameTheirCoordinates() {
        expectOneLine("TokenWindowMemory", List.of("com.knuddels:jtokkit"), () -> TokenWindowMemory.of(1000));
    }

    private static void expectOneLine(String what, List<String> mentions, Supplier<?> action) {
        try {
            action.get();
            FAILURES.add(what + ": no error");
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            check(mentions.stream().allMatch(message::contains) && !message.contains("\n"),
                    what + ": expected one line naming " + mentions + ", got: " + message);
        } catch (LinkageError e) {
            FAILURES.add(what + ": " + e);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            FAILURES.add(what);
        }
    }

    private static ChatResponse toolCall(String name, String arguments) {
        var call = ToolExecutionRequest.builder().id("call-1").name(name).arguments(arguments).build();
        return ChatResponse.builder().aiMessage(AiMessage.from(call)).build();
    }

    private static ChatResponse text(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }
}
