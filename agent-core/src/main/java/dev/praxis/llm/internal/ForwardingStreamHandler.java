package dev.praxis.llm.internal;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Passes every callback to a delegate, thinking and raw provider events included, so a
 * decorator never drops what it does not watch; subclasses override the ones they watch.
 */
public class ForwardingStreamHandler implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingStreamHandler(StreamingChatResponseHandler delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onPartialResponse(String text) {
        delegate.onPartialResponse(text);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        delegate.onPartialResponse(partial, context);
    }

    @Override
    public void onPartialThinking(PartialThinking partial) {
        delegate.onPartialThinking(partial);
    }

    @Override
    public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
        delegate.onPartialThinking(partial, context);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial) {
        delegate.onPartialToolCall(partial);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
        delegate.onPartialToolCall(partial, context);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
        delegate.onCompleteToolCall(call);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
        delegate.onUnmappedRawEvent(rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        delegate.onCompleteResponse(response);
    }

    @Override
    public void onError(Throwable error) {
        delegate.onError(error);
    }
}
