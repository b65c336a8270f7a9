package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.Failures;
import dev.praxis.llm.internal.RetryingStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When a model call fails transiently (after its own retries), asks the next model in a
 * chain, in order. Permanent failures (400, 401) are not retried on other models unless
 * {@link #onAnyFailure()} says so: a bad request is usually bad everywhere. When every model
 * fails, the last failure is thrown with the others suppressed on it.
 *
 * <pre>{@code
 * LlmClient llm = openAi.with(Retry.upTo(3)).with(Fallback.to(anthropic, localModel));
 * }</pre>
 *
 * <p>Immutable and thread-safe. A stream falls back only if it fails before its first token.
 */
public final class Fallback implements LlmDecorator {

    private static final Logger log = LoggerFactory.getLogger(Fallback.class);

    private final List<LlmClient> alternatives;
    private final boolean anyFailure;

    private Fallback(List<LlmClient> alternatives, boolean anyFailure) {
        this.alternatives = List.copyOf(alternatives);
        this.anyFailure = anyFailure;
        if (this.alternatives.isEmpty()) {
            throw new IllegalArgumentException("Fallback needs at least one alternative model");
        }
    }

    /** Falls back to {@code alternatives}, tried in the given order. */
    public static Fallback to(LlmClient... alternatives) {
        return new Fallback(List.of(alternatives), false);
    }

    /** This fallback, moving on after any failure, permanent ones included. */
    public Fallback onAnyFailure() {
        return new Fallback(alternatives, true);
    }

    @Override
    public LlmClient decorate(LlmClient primary) {
        Objects.requireNonNull(primary, "primary");
        List<LlmClient> chain = new ArrayList<>(alternatives.size() + 1);
        chain.add(primary);
        chain.addAll(alternatives);
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                List<RuntimeException> failures = new ArrayList<>();
                for (int i = 0; i < chain.size(); i++) {
                    try {
                        return chain.get(i).chat(request);
                    } catch (RuntimeException e) {
                        failures.add(e);
                        if (!movesOn(e) || i == chain.size() - 1) {
                            throw withSuppressed(e, failures);
                        }
                        log.info("model {} of {} failed ({}); falling back to the next", i + 1, chain.size(), e.getMessage());
                    }
                }
                throw new IllegalStateException("unreachable");
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                RetryingStreamHandler.start(new LlmClient() {
                    private int current;

                    @Override
                    public ChatResponse chat(ChatRequest r) {
                        throw new IllegalStateException("the fallback chain adapter only streams; chat() goes through the chain directly");
                    }

                    @Override
                    public void stream(ChatRequest r, StreamingChatResponseHandler h) {
                        chain.get(current++).stream(r, h);
                    }
                }, request, handler, (attempt, error) -> {
                    if (!movesOn(error) || attempt >= chain.size()) {
                        throw error;
                    }
                    return true;
                });
            }
        };
    }

    private boolean movesOn(RuntimeException e) {
        // out of time is out of time for every model
        return !(e instanceof DeadlineExceededException) && (anyFailure || Failures.isRetriable(e));
    }

    private static RuntimeException withSuppressed(RuntimeException last, List<RuntimeException> all) {
        for (RuntimeException earlier : all) {
            if (earlier != last) {
                last.addSuppressed(earlier);
            }
        }
        return last;
    }
}
