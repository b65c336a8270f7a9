package dev.praxis.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A model that answers each call with the next outcome of a script; counts calls. */
final class Replies implements LlmClient {
    static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("hello")).build();

    private final Deque<Supplier<ChatResponse>> script;
    final AtomicInteger calls = new AtomicInteger();

    @SafeVarargs
    Replies(Supplier<ChatResponse>... outcomes) {
        this.script = new ArrayDeque<>(List.of(outcomes));
    }

    static Supplier<ChatResponse> ok(String text) {
        return () -> ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    static Supplier<ChatResponse> ok(String text, int tokens) {
        return () -> ChatResponse.builder().aiMessage(AiMessage.from(text))
                .tokenUsage(new TokenUsage(tokens / 2, tokens - tokens / 2)).build();
    }

    static Supplier<ChatResponse> fail(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    static Supplier<ChatResponse> http(int status) {
        return fail(new HttpException(status, "status " + status));
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        calls.incrementAndGet();
        if (script.isEmpty()) {
            throw new AssertionError("unscripted call " + calls.get());
        }
        return script.removeFirst().get();
    }
}
