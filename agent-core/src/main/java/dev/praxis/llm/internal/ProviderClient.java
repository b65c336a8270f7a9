package dev.praxis.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmException;

import java.util.Objects;

/**
 * A LangChain4j provider model as an {@link LlmClient}: failures become {@link LlmException}s
 * that name the model, say whether a retry can help and carry {@code Retry-After}.
 */
public final class ProviderClient implements LlmClient {

    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String label;
    private final ChatModel model;
    private final StreamingChatModel streaming;

    /** Adapts {@code model} and {@code streaming}, naming them {@code label} in errors. */
    public ProviderClient(String label, ChatModel model, StreamingChatModel streaming) {
        this.label = Objects.requireNonNull(label, "label");
        this.model = Objects.requireNonNull(model, "model");
        this.streaming = Objects.requireNonNull(streaming, "streaming");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return model.chat(request);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        try {
            streaming.chat(request, new ForwardingStreamHandler(handler) {
                @Override
                public void onError(Throwable error) {
                    super.onError(translate(error));
                }
            });
        } catch (RuntimeException e) {
            handler.onError(translate(e));
        }
    }

    @Override
    public String toString() {
        return label;
    }

    /** The failure as an {@link LlmException} naming this model. */
    LlmException translate(Throwable error) {
        if (error instanceof LlmException llm) {
            return llm;
        }
        boolean retriable = Failures.isRetriable(error);
        var retryAfter = Failures.retryAfter(error).orElse(null);
        HttpException http = find(error);
        String what = http != null
                ? "HTTP " + http.statusCode() + ": " + abbreviate(http.getMessage())
                : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + abbreviate(error.getMessage()));
        return new LlmException(label + " failed: " + what + hint(http), error, retriable, retryAfter);
    }

    private static String hint(HttpException http) {
        if (http == null) {
            return "";
        }
        return switch (http.statusCode()) {
            case 401, 403 -> " (check PRAXIS_API_KEY)";
            case 404 -> " (check the model name in PRAXIS_MODEL and PRAXIS_BASE_URL)";
            default -> "";
        };
    }

    private static HttpException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
