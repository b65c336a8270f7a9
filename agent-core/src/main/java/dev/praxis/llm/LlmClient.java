package dev.praxis.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.Objects;

/**
 * The model seam: one request in, one response out. Uses LangChain4j's request and response
 * types, so any LangChain4j {@link ChatModel} is a client:
 *
 * <pre>{@code
 * LlmClient llm = LlmClient.of(openAiChatModel);          // or: openAiChatModel::chat
 * LlmClient guarded = llm.with(myRetryDecorator);
 * }</pre>
 *
 * <p>Implementations must be safe to call from many threads at once; the agent loop calls
 * one client concurrently for different sessions. Failures are reported by throwing an
 * unchecked exception, preferably {@link LlmException} with its retriable flag set.
 */
@FunctionalInterface
public interface LlmClient {

    /**
     * Sends one request to the model and returns its complete response.
     *
     * @throws LlmException or another unchecked exception when the call fails
     */
    ChatResponse chat(ChatRequest request);

    /**
     * Streams the response to {@code handler}. The default works for clients that cannot
     * stream: it makes one blocking call, then reports the whole text as a single partial
     * response followed by the complete response. Errors go to {@code handler.onError}
     * and are never thrown.
     */
    default void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = chat(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text != null && !text.isEmpty()) {
            handler.onPartialResponse(text);
        }
        handler.onCompleteResponse(response);
    }

    /** Returns this client wrapped by {@code decorator}. */
    default LlmClient with(LlmDecorator decorator) {
        Objects.requireNonNull(decorator, "decorator");
        return Objects.requireNonNull(decorator.decorate(this),
                () -> "decorator " + decorator.getClass().getName() + " returned null");
    }

    /** Adapts a LangChain4j chat model. */
    static LlmClient of(ChatModel model) {
        Objects.requireNonNull(model, "model");
        return model::chat;
    }

    /**
     * Adapts a LangChain4j chat model together with its streaming twin, so that
     * {@link #stream} really streams tokens as they arrive.
     */
    static LlmClient of(ChatModel model, StreamingChatModel streamingModel) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(streamingModel, "streamingModel");
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                return model.chat(request);
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                streamingModel.chat(request, handler);
            }
        };
    }
}
