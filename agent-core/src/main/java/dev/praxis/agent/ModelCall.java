package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.llm.Deadline;
import dev.praxis.llm.DeadlineExceededException;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.PriceTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reason phase's model call: blocking, or streamed with partial text reported as
 * {@link AgentEvent.PartialText} (tool calls arrive assembled in the complete response); with
 * guardrails, partial text passes them first ({@link PartialGate}). A
 * streamed call is cancelled (the provider's stream closed) when the run's thread is
 * interrupted while waiting. Prices responses into {@link Usage}.
 *
 * <p>The call runs inside a {@link Deadline} of the run's time left, which every decorator and
 * the provider HTTP client honour. A stream whose client ignores it is abandoned (and
 * cancelled) {@link #BACKSTOP} after it. An answer cut off at the model's output limit
 * ({@code finish_reason: length}, no tool calls) is continued: up to {@link #CONTINUATIONS}
 * more calls within the deadline, each asked to go on where the text stopped; the parts are
 * joined and their usage summed into one response.
 */
final class ModelCall {

    /** How many continuation calls a cut-off answer gets. */
    static final int CONTINUATIONS = 2;
    /** How long past the deadline a stream is waited for when its client does not stop by itself. */
    static final Duration BACKSTOP = Duration.ofMillis(250);
    static final String CONTINUE = "Your previous answer was cut off at the output limit. Continue exactly where it"
            + " stopped, without repeating anything and without any preamble.";

    private final LlmClient llm;
    private final PriceTable prices;
    private final boolean streaming;
    private final AgentListener listener;
    private final RunGuard guard;

    ModelCall(LlmClient llm, PriceTable prices, boolean streaming, AgentListener listener, RunGuard guard) {
        this.llm = llm;
        this.prices = prices;
        this.streaming = streaming;
        this.listener = listener;
        this.guard = guard;
    }

    /**
     * Asks the model within {@code timeLeft}; throws what the client throws, a
     * {@link DeadlineExceededException} when the time runs out, or an {@link LlmException} when
     * interrupted.
     */
    ChatResponse call(String runId, int step, ChatRequest request, Duration timeLeft) {
        Deadline deadline = Deadline.after(timeLeft, "the run's time budget");
        PartialGate partials = streaming ? guard.partials(runId, step, listener) : null;
        return deadline.call(() -> {
            ChatResponse response = once(partials, request, deadline);
            for (int i = 0; i < CONTINUATIONS && cutOff(response) && !deadline.expired(); i++) {
                response = joined(response, once(partials, continuation(request, response), deadline));
            }
            if (partials != null && response != null && response.aiMessage() != null) {
                partials.finish(response.aiMessage().text());
            }
            return response;
        });
    }

    private ChatResponse once(PartialGate partials, ChatRequest request, Deadline deadline) {
        return partials != null ? stream(partials, request, deadline) : llm.chat(request);
    }

    /** Whether {@code response} is a text answer cut off at the output limit. */
    static boolean cutOff(ChatResponse response) {
        return response != null && response.aiMessage() != null && response.finishReason() == FinishReason.LENGTH
                && !response.aiMessage().hasToolExecutionRequests();
    }

    private static ChatRequest continuation(ChatRequest request, ChatResponse cut) {
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        messages.add(cut.aiMessage());
        messages.add(UserMessage.from(CONTINUE));
        return request.toBuilder().messages(messages).build();
    }

    private static ChatResponse joined(ChatResponse first, ChatResponse next) {
        if (next == null || next.aiMessage() == null) {
            return first;
        }
        String text = Objects.toString(first.aiMessage().text(), "") + Objects.toString(next.aiMessage().text(), "");
        TokenUsage usage = first.tokenUsage() == null ? next.tokenUsage() : first.tokenUsage().add(next.tokenUsage());
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(usage)
                .finishReason(next.finishReason())
                .modelName(next.modelName() != null ? next.modelName() : first.modelName())
                .id(next.id()).build();
    }

    /** Tokens and cost of {@code response}. */
    Usage usage(ChatResponse response) {
        return Usage.of(response).withCost(prices.cost(response));
    }

    private ChatResponse stream(PartialGate partials, ChatRequest request, Deadline deadline) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        CompletableFuture<StreamingHandle> handle = new CompletableFuture<>();
        llm.stream(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                if (!done.isDone()) {
                    partials.add(text);
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
            return done.get(deadline.remaining().plus(BACKSTOP).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            done.cancel(false);
            handle.thenAccept(StreamingHandle::cancel);
            throw deadline.exceeded("while the model was streaming (its client did not stop at the deadline)");
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
