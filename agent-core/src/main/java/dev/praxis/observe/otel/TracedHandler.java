package dev.praxis.observe.otel;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.ForwardingStreamHandler;

import java.util.function.BiConsumer;

/** Forwards every streaming callback and, on completion or error, ends the chat span and records metrics. */
final class TracedHandler extends ForwardingStreamHandler {

    private final BiConsumer<ChatResponse, Throwable> finished;

    TracedHandler(StreamingChatResponseHandler next, BiConsumer<ChatResponse, Throwable> finished) {
        super(next);
        this.finished = finished;
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        finished.accept(completeResponse, null);
        super.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        finished.accept(null, error);
        super.onError(error);
    }
}
