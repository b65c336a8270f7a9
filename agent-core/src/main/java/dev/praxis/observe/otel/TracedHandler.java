package dev.praxis.observe.otel;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.internal.ForwardingStreamHandler;
import io.opentelemetry.api.trace.Span;

/** Forwards every streaming callback and ends the chat span on completion or error. */
final class TracedHandler extends ForwardingStreamHandler {

    private final Span span;
    private final boolean requestNamedModel;
    private final boolean content;
    private final SecretMasker masker;

    TracedHandler(StreamingChatResponseHandler next, Span span, boolean requestNamedModel, boolean content,
                  SecretMasker masker) {
        super(next);
        this.span = span;
        this.requestNamedModel = requestNamedModel;
        this.content = content;
        this.masker = masker;
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        ChatSpans.end(span, completeResponse, requestNamedModel, content, masker);
        super.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        ChatSpans.fail(span, error);
        super.onError(error);
    }
}
