package dev.praxis.bench;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process model both libraries talk to. Stateless, so one instance serves any number
 * of sessions: it looks only at the request. Until the current task has {@code toolSteps}
 * tool results it asks for {@code add(2, 3)}; then it answers with text. Every reply is a new
 * object with a fresh call id, as from a real provider.
 *
 * <p>It overrides {@link ChatModel#chat(ChatRequest)} itself, so neither library pays for
 * LangChain4j's model-listener plumbing: what is measured is the framework around the model.
 */
public final class ScriptedChatModel implements ChatModel {

    static final String ARGUMENTS = "{\"a\":2,\"b\":3}";
    static final String ANSWER = "2 + 3 = 5";

    private static final TokenUsage USAGE = new TokenUsage(100, 10);
    private final int toolSteps;
    private final long latencyMillis;
    private final ConcurrentLinkedQueue<ChatRequest> recorded;
    private final AtomicLong ids = new AtomicLong();

    private ScriptedChatModel(int toolSteps, long latencyMillis, boolean record) {
        this.toolSteps = toolSteps;
        this.latencyMillis = latencyMillis;
        this.recorded = record ? new ConcurrentLinkedQueue<>() : null;
    }

    /** A model that asks for {@code toolSteps} tool calls per task, then answers. */
    public static ScriptedChatModel of(int toolSteps) {
        return new ScriptedChatModel(toolSteps, 0, false);
    }

    /** This script with a simulated network latency per call (a sleep, so virtual threads unmount). */
    public ScriptedChatModel withLatency(long millis) {
        return new ScriptedChatModel(toolSteps, millis, recorded != null);
    }

    /** This script, keeping every request it receives (for token counting). */
    public ScriptedChatModel recording() {
        return new ScriptedChatModel(toolSteps, latencyMillis, true);
    }

    /** The requests received so far, if recording. */
    public List<ChatRequest> requests() {
        return recorded == null ? List.of() : List.copyOf(recorded);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (recorded != null) {
            recorded.add(request);
        }
        if (latencyMillis > 0) {
            sleep();
        }
        if (toolResultsInCurrentTask(request.messages()) < toolSteps) {
            ToolExecutionRequest call = ToolExecutionRequest.builder()
                    .id("call_" + ids.incrementAndGet()).name("add").arguments(ARGUMENTS).build();
            return ChatResponse.builder().aiMessage(AiMessage.from(call))
                    .finishReason(FinishReason.TOOL_EXECUTION).tokenUsage(USAGE).build();
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(ANSWER))
                .finishReason(FinishReason.STOP).tokenUsage(USAGE).build();
    }

    private static int toolResultsInCurrentTask(List<ChatMessage> messages) {
        int results = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage message = messages.get(i);
            if (message instanceof UserMessage) {
                break;
            }
            if (message instanceof ToolExecutionResultMessage) {
                results++;
            }
        }
        return results;
    }

    private void sleep() {
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating model latency", e);
        }
    }
}
