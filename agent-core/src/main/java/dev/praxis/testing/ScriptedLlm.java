package dev.praxis.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.llm.LlmClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake model that plays a fixed script of replies, one per call, and records every
 * request, so an agent can be tested without a network:
 *
 * <pre>{@code
 * var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
 * var result = LlmAgent.builder().llm(llm).tools(new Calculator()).build().run("2+3?");
 * assertThat(result.output()).isEqualTo("5");
 * assertThat(llm.requests()).hasSize(2);
 * }</pre>
 *
 * <p>A call beyond the end of the script throws {@link AssertionError}: the run then ends
 * {@code FAILED} with "call #n was not scripted" in its reason, so a test that makes an
 * unexpected call fails loudly on its status. Thread-safe:
 * concurrent calls take replies in arrival order.
 */
public final class ScriptedLlm implements LlmClient {

    /** One scripted reply; may look at the request (for echoing) or throw (for failures). */
    @FunctionalInterface
    public interface Reply {
        /** Produces the response to {@code request}. */
        ChatResponse reply(ChatRequest request);

        /** This reply, reporting the given token usage. */
        default Reply withUsage(int inputTokens, int outputTokens) {
            return request -> {
                ChatResponse plain = reply(request);
                return ChatResponse.builder()
                        .aiMessage(plain.aiMessage())
                        .finishReason(plain.finishReason())
                        .tokenUsage(new TokenUsage(inputTokens, outputTokens, inputTokens + outputTokens))
                        .build();
            };
        }
    }

    private final List<Reply> script;
    private final AtomicInteger next = new AtomicInteger();
    private final List<ChatRequest> requests = new ArrayList<>();

    private ScriptedLlm(List<Reply> script) {
        this.script = List.copyOf(script);
    }

    /** A model that answers the n-th call with the n-th reply. */
    public static ScriptedLlm of(Reply... replies) {
        return new ScriptedLlm(Arrays.asList(replies));
    }

    /** A final answer with {@code text}. */
    public static Reply text(String text) {
        Objects.requireNonNull(text, "text");
        return request -> ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .finishReason(FinishReason.STOP)
                .build();
    }

    /** One tool call with JSON {@code arguments}. */
    public static Reply toolCall(String name, String arguments) {
        return toolCalls(call(name, arguments));
    }

    /** Several tool calls in one step; ids are {@code call_1}, {@code call_2}, ... in order. */
    public static Reply toolCalls(ToolExecutionRequest... calls) {
        List<ToolExecutionRequest> numbered = new ArrayList<>(calls.length);
        for (int i = 0; i < calls.length; i++) {
            ToolExecutionRequest c = calls[i];
            numbered.add(ToolExecutionRequest.builder()
                    .id(c.id() != null ? c.id() : "call_" + (i + 1)).name(c.name()).arguments(c.arguments()).build());
        }
        List<ToolExecutionRequest> frozen = List.copyOf(numbered);
        return request -> ChatResponse.builder()
                .aiMessage(AiMessage.from(frozen))
                .finishReason(FinishReason.TOOL_EXECUTION)
                .build();
    }

    /** A tool call request for {@link #toolCalls}; the id is assigned by position. */
    public static ToolExecutionRequest call(String name, String arguments) {
        return ToolExecutionRequest.builder().name(name).arguments(arguments).build();
    }

    /** A reply that fails the model call with {@code error}. */
    public static Reply failure(RuntimeException error) {
        Objects.requireNonNull(error, "error");
        return request -> {
            throw error;
        };
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        int index;
        synchronized (requests) {
            requests.add(request);
            index = next.getAndIncrement();
        }
        if (index >= script.size()) {
            throw new AssertionError("ScriptedLlm: call #" + (index + 1) + " was not scripted (the script has "
                    + script.size() + " replies); last message: " + last(request));
        }
        return script.get(index).reply(request);
    }

    /** Every request received so far, in order. */
    public List<ChatRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many scripted replies have not been used yet. */
    public int remaining() {
        return Math.max(0, script.size() - next.get());
    }

    private static String last(ChatRequest request) {
        var messages = request.messages();
        return messages.isEmpty() ? "(none)" : String.valueOf(messages.get(messages.size() - 1));
    }
}
