package dev.praxis.agent;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.PriceTable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The reason phase's model call: blocking, or streamed with every partial text reported as
 * {@link AgentEvent.PartialText} (tool calls arrive assembled in the complete response). A
 * streamed call is cancelled (the provider's stream closed) when the run's thread is
 * interrupted while waiting. Prices responses into {@link Usage}.
 */
final class ModelCall {

    private final LlmClient llm;
    private final PriceTable prices;
    private final boolean streaming;
    private final AgentListener listener;

    ModelCall(LlmClient llm, PriceTable prices, boolean streaming, AgentListener listener) {
        this.llm = llm;
        this.prices = prices;
        this.streaming = streaming;
        this.listener = listener;
    }

    /** Asks the model; throws what the client throws, or an {@link LlmException} when interrupted. */
    ChatResponse call(String runId, int step, ChatRequest request) {
        return streaming ? stream(runId, step, request) : llm.chat(request);
    }

    /** Tokens and cost of {@code response}. */
    Usage usage(ChatResponse response) {
        return Usage.of(response).withCost(prices.cost(response));
    }

    private ChatResponse stream(String runId, int step, ChatRequest request) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        CompletableFuture<StreamingHandle> handle = new CompletableFuture<>();
        llm.stream(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                if (!done.isDone()) {
                    listener.on(new AgentEvent.PartialText(runId, step, text));
                }
            }

            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.complete(context.streamingHandle());
                onPartialResponse(partial.text());
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            done.cancel(false);
            handle.thenAccept(StreamingHandle::cancel);
            Thread.currentThread().interrupt();
            throw new LlmException("cancelled while the model was streaming", e, false);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new LlmException("model stream failed: " + e.getCause(), e.getCause(), false);
        }
    }
}
