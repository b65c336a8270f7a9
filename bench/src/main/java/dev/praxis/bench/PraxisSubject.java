package dev.praxis.bench;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;

import java.util.List;

/** Praxis wired the way its README shows: an {@link LlmAgent} with the calculator tool. */
public final class PraxisSubject {

    private static final MemoryScope HISTORY_SCOPE = MemoryScope.session("bench");
    private final LlmAgent agent;
    private final MessageWindowMemory memory;

    private PraxisSubject(ChatModel model, MessageWindowMemory memory, boolean inline) {
        this.memory = memory;
        // the scripted task repeats add(2, 3) on purpose; LangChain4j has no loop detection, so
        // Praxis keeps its detection running (its cost is measured) with a threshold it never meets
        LlmAgent.Builder builder = LlmAgent.builder().llm(LlmClient.of(model)).tools(new Calculator())
                .maxRepeatedCalls(100).systemPrompt(Scenario.SYSTEM).memory(memory);
        this.agent = (inline ? builder.inlineCalls("add") : builder).build();
    }

    private PraxisSubject(ChatModel model, MessageWindowMemory memory) {
        this(model, memory, false);
    }

    /** An agent whose runs have no session, hence no conversation memory. */
    public static PraxisSubject stateless(ChatModel model) {
        return new PraxisSubject(model, MessageWindowMemory.of(100));
    }

    /**
     * {@link #stateless}, with the calculator opted in to inline calls
     * ({@code LlmAgent.Builder.inlineCalls}): its call runs on the run's thread, no hand-off.
     */
    public static PraxisSubject statelessInline(ChatModel model) {
        return new PraxisSubject(model, MessageWindowMemory.of(100), true);
    }

    /**
     * An agent whose session already holds {@code history} messages in a window of that size,
     * so every run sees the same amount of history (the oldest messages make room for the new).
     */
    public static PraxisSubject withHistory(ChatModel model, int history) {
        MessageWindowMemory memory = MessageWindowMemory.of(history);
        for (ChatMessage message : Scenario.history(history)) {
            memory.append(HISTORY_SCOPE, List.of(message));
        }
        return new PraxisSubject(model, memory);
    }

    /** An agent for many sessions, each keeping a window of {@code window} messages. */
    public static PraxisSubject sessions(ChatModel model, int window) {
        return new PraxisSubject(model, MessageWindowMemory.of(window));
    }

    /** {@link #sessions}, with the calculator opted in to inline calls. */
    public static PraxisSubject sessionsInline(ChatModel model, int window) {
        return new PraxisSubject(model, MessageWindowMemory.of(window), true);
    }

    /** One stateless task; returns the answer. */
    public String run(String input) {
        return answer(agent.run(AgentRequest.of(input)));
    }

    /** One task in the prefilled history session. */
    public String runWithHistory(String input) {
        return answer(agent.run(AgentRequest.of(input).inSession(HISTORY_SCOPE)));
    }

    /** One task in session {@code session}. */
    public String run(String session, String input) {
        return answer(agent.run(AgentRequest.of(input).inSession(MemoryScope.session(session))));
    }

    /** The memory holding the sessions' conversations. */
    public MessageWindowMemory memory() {
        return memory;
    }

    private static String answer(AgentResult result) {
        if (!result.completed()) {
            throw new IllegalStateException("Praxis run did not complete: " + result.status() + " " + result.reason());
        }
        return result.output();
    }
}
