package dev.praxis.observe.otel;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.guard.SecretMasker;
import io.opentelemetry.api.trace.Span;

/** Forwards every streaming callback and ends the chat span on completion or error. */
final class TracedHandler implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler next;
    private final Span span;
    private final boolean requestNamedModel;
    private final boolean content;
    private final SecretMasker masker;

    TracedHandler(StreamingChatResponseHandler next, Span span, boolean requestNamedModel, boolean content,
                  SecretMasker masker) {
        this.next = next;
        this.span = span;
        this.requestNamedModel = requestNamedModel;
        this.content = content;
        this.masker = masker;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        next.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        next.onPartialResponse(partialResponse, context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        next.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        next.onPartialThinking(partialThinking, context);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        next.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        next.onPartialToolCall(partialToolCall, context);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        next.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
        next.onUnmappedRawEvent(rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        ChatSpans.end(span, completeResponse, requestNamedModel, content, masker);
        next.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        ChatSpans.fail(span, error);
        next.onError(error);
    }
}
