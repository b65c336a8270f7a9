package dev.praxis.llm.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.Deadline;
import dev.praxis.llm.LlmClient;

/**
 * Forwards a stream to the caller's handler and, when it fails before anything reached the
 * caller, asks a policy whether to start it again. Not part of the public API.
 */
public final class RetryingStreamHandler implements StreamingChatResponseHandler {

    /** Decides after a failure; waits and returns true to retry, throws to give up with that error. */
    @FunctionalInterface
    public interface Policy {
        /** Called after failed attempt {@code attempt}. */
        boolean retryAfter(int attempt, RuntimeException error);
    }

    private final LlmClient next;
    private final ChatRequest request;
    private final StreamingChatResponseHandler downstream;
    private final Policy policy;
    private final int attempt;
    /** The caller's deadline, bound again on the thread that reports a failure, for the policy and the retry. */
    private final Deadline deadline;
    private volatile boolean forwarded;

    private RetryingStreamHandler(LlmClient next, ChatRequest request, StreamingChatResponseHandler downstream,
                                  Policy policy, int attempt, Deadline deadline) {
        this.next = next;
        this.request = request;
        this.downstream = downstream;
        this.policy = policy;
        this.attempt = attempt;
        this.deadline = deadline;
    }

    /** Starts the first attempt under the calling thread's {@link Deadline}, if any. */
    public static void start(LlmClient next, ChatRequest request, StreamingChatResponseHandler handler, Policy policy) {
        next.stream(request, new RetryingStreamHandler(next, request, handler, policy, 1,
                Deadline.current().orElse(null)));
    }

    @Override
    public void onPartialResponse(String text) {
        forwarded = true;
        downstream.onPartialResponse(text);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        forwarded = true;
        downstream.onPartialResponse(partial, context);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
        forwarded = true;
        downstream.onPartialToolCall(partial, context);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
        forwarded = true;
        downstream.onCompleteToolCall(call);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        downstream.onCompleteResponse(response);
    }

    @Override
    public void onError(Throwable error) {
        if (deadline == null) {
            failed(error);
        } else {
            deadline.run(() -> failed(error));
        }
    }

    private void failed(Throwable error) {
        if (forwarded || !(error instanceof RuntimeException runtime)) {
            downstream.onError(error);
            return;
        }
        boolean again;
        try {
            again = policy.retryAfter(attempt, runtime);
        } catch (RuntimeException givenUp) {
            downstream.onError(givenUp);
            return;
        }
        if (again) {
            next.stream(request, new RetryingStreamHandler(next, request, downstream, policy, attempt + 1, deadline));
        } else {
            downstream.onError(error);
        }
    }
}
