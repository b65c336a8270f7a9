package dev.praxis.llm.internal;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.IncompleteResponseException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes sure a provider stream ends with exactly one terminal callback. Some LangChain4j
 * providers say nothing when the connection closes before their end marker (Anthropic's
 * {@code message_stop}, Ollama's {@code done}), which would leave the caller waiting: the HTTP
 * client reports every closed stream here, and a stream that closed without a terminal callback
 * fails as {@link IncompleteResponseException.Kind#STREAM_CUT}. Not part of the public API.
 */
final class StreamEnd extends ForwardingStreamHandler {

    private static final ThreadLocal<StreamEnd> CURRENT = new ThreadLocal<>();

    private final StreamingChatResponseHandler downstream;
    private final String label;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** Watches the stream reported to {@code downstream}; {@code label} names the model in failures. */
    public StreamEnd(StreamingChatResponseHandler downstream, String label) {
        super(downstream);
        this.downstream = downstream;
        this.label = label;
    }

    /** Runs {@code start} (which opens the stream on this thread) with this watch visible to the HTTP client. */
    public void open(Runnable start) {
        StreamEnd previous = CURRENT.get();
        CURRENT.set(this);
        try {
            start.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The watch of the stream being opened on this thread, or null. */
    static StreamEnd current() {
        return CURRENT.get();
    }

    /** Called by the HTTP client after the provider's listener handled the end of the body. */
    void closed() {
        if (ended.compareAndSet(false, true)) {
            downstream.onError(new IncompleteResponseException(IncompleteResponseException.Kind.STREAM_CUT,
                    label + " stream ended without its end marker (no finish reason, no terminator)", null));
        }
    }

    /**
     * Called by the HTTP client when the provider could not read one event of the stream (some
     * providers log such a failure and carry on): the stream fails at once as MALFORMED, which
     * is deterministic and so not retried.
     */
    void unreadable(RuntimeException error) {
        if (ended.compareAndSet(false, true)) {
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            int source = message.indexOf(" at [Source");
            downstream.onError(new IncompleteResponseException(IncompleteResponseException.Kind.MALFORMED,
                    label + " sent a stream event that is not part of a chat response: "
                            + (source > 0 ? message.substring(0, source) : message), null));
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        if (ended.compareAndSet(false, true)) {
            super.onCompleteResponse(response);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            super.onError(error);
        }
    }
}
