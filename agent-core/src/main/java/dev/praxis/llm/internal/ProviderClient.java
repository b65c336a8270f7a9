package dev.praxis.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.IncompleteResponseException;
import dev.praxis.llm.IncompleteResponseException.Kind;
import dev.praxis.llm.LlmException;

import java.util.Objects;

/**
 * A LangChain4j provider model as an {@link LlmClient}: failures become {@link LlmException}s
 * that name the model, say whether a retry can help and carry {@code Retry-After}. A response
 * that is not a usable answer fails as an {@link IncompleteResponseException}: a body that does
 * not parse (MALFORMED, not retriable), an answer with neither text nor tool calls
 * (NO_CONTENT), a stream that ended without a finish reason (STREAM_CUT).
 */
public final class ProviderClient implements LlmClient {

    private static final int MAX_BODY_IN_MESSAGE = 300;

    private final String label;
    private final ChatModel model;
    private final StreamingChatModel streaming;
    private final ContentRules content;

    /** Adapts {@code model} and {@code streaming}, naming them {@code label} in errors; parts go unchecked. */
    public ProviderClient(String label, ChatModel model, StreamingChatModel streaming) {
        this(label, model, streaming, null);
    }

    /**
     * Adapts {@code model} and {@code streaming}, naming them {@code label} in errors and checking
     * content parts against {@code content} (null: unchecked) before anything is sent.
     */
    public ProviderClient(String label, ChatModel model, StreamingChatModel streaming, ContentRules content) {
        this.label = Objects.requireNonNull(label, "label");
        this.model = Objects.requireNonNull(model, "model");
        this.streaming = Objects.requireNonNull(streaming, "streaming");
        this.content = content;
    }

    private ChatRequest adapt(ChatRequest request) {
        return content == null ? request : content.adapt(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatRequest adapted = adapt(request);
        ChatResponse response;
        try {
            response = model.chat(adapted);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        IncompleteResponseException empty = empty(response);
        if (empty != null) {
            throw empty;
        }
        return response;
    }

    @Override
    public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        StreamEnd end = new StreamEnd(new ForwardingStreamHandler(handler) {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                IncompleteResponseException problem = response != null && response.finishReason() == null
                        ? new IncompleteResponseException(Kind.STREAM_CUT, label + " stream ended without a finish"
                                + " reason (cut off after " + length(response) + " characters)", null)
                        : empty(response);
                if (problem != null) {
                    super.onError(problem);
                } else {
                    super.onCompleteResponse(response);
                }
            }

            @Override
            public void onError(Throwable error) {
                super.onError(translate(error));
            }
        }, label);
        try {
            end.open(() -> streaming.chat(adapt(request), end));
        } catch (RuntimeException e) {
            end.onError(e);
        }
    }

    /** A response with neither text nor tool calls, unless the finish reason explains the silence. */
    private IncompleteResponseException empty(ChatResponse response) {
        if (response == null || response.aiMessage() == null) {
            return new IncompleteResponseException(Kind.NO_CONTENT, label + " returned no message", null);
        }
        boolean silent = (response.aiMessage().text() == null || response.aiMessage().text().isBlank())
                && !response.aiMessage().hasToolExecutionRequests();
        FinishReason finish = response.finishReason();
        if (silent && finish != FinishReason.LENGTH && finish != FinishReason.CONTENT_FILTER) {
            return new IncompleteResponseException(Kind.NO_CONTENT, label + " returned an answer with no content"
                    + " and no tool calls (finish reason " + finish + ")", null);
        }
        return null;
    }

    private static int length(ChatResponse response) {
        return response.aiMessage() == null || response.aiMessage().text() == null ? 0
                : response.aiMessage().text().length();
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
        HttpException status = find(error);
        if (status == null && unreadable(error)) {
            return new IncompleteResponseException(Kind.MALFORMED, label + " sent a body that is not a chat response: "
                    + abbreviate(rootMessage(error)), error);
        }
        if (status == null && error instanceof InternalServerException) {
            // LangChain4j's own verdict on a 200 it could not use (e.g. "no choices returned in response")
            return new IncompleteResponseException(Kind.NO_CONTENT, label + " sent an unusable response: "
                    + abbreviate(error.getMessage()), error);
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

    /** A body the provider module could not parse: deterministic, so never worth a retry. */
    private static boolean unreadable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int source = message.indexOf(" at [Source");
        return source > 0 ? message.substring(0, source) : message;
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
