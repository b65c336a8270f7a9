package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.DaemonThreads;
import dev.praxis.llm.internal.TimedStreamHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds how long a model call may take. A blocking call that runs past {@code total} is
 * interrupted and fails with a retriable {@link LlmException}; a stream fails the same way
 * when no token arrives within {@code firstToken} or the whole answer takes longer than
 * {@code total}, and the underlying stream is cancelled where the provider allows it.
 * Connection timeouts are a setting of the provider's HTTP client ({@code LlmClients}). Inside
 * a {@link Deadline} both limits shrink to the time it leaves, and running out of it fails
 * with a (non-retriable) {@link DeadlineExceededException}.
 *
 * <pre>{@code
 * LlmClient llm = base.with(Timeout.total(Duration.ofSeconds(60)).firstToken(Duration.ofSeconds(10)))
 *                     .with(Retry.upTo(3));   // retry outside, so each attempt gets its own time
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Timeout implements LlmDecorator {

    private final Duration total;
    private final Duration firstToken;

    private Timeout(Duration total, Duration firstToken) {
        this.total = positive(total, "total");
        this.firstToken = positive(firstToken, "firstToken");
    }

    /** Calls and streams must finish within {@code total}. */
    public static Timeout total(Duration total) {
        return new Timeout(total, total);
    }

    /** This timeout, also requiring a stream's first token within {@code limit}. */
    public Timeout firstToken(Duration limit) {
        return new Timeout(total, limit);
    }

    @Override
    public LlmClient decorate(LlmClient next) {
        Objects.requireNonNull(next, "next");
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                Deadline deadline = Deadline.current().orElse(null);
                Duration limit = Deadline.bound(total);
                Future<ChatResponse> call = DaemonThreads.CALLS.submit(() -> deadline == null ? next.chat(request)
                        : deadline.call(() -> next.chat(request)));
                try {
                    return call.get(limit.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    call.cancel(true);
                    if (limit.compareTo(total) < 0) {
                        throw deadline.exceeded("while waiting for the model's answer");
                    }
                    throw new LlmException("model call timed out after " + total.toMillis() + " ms", e, true);
                } catch (InterruptedException e) {
                    call.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new LlmException("interrupted while waiting for the model", e, false);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r
                            : new LlmException("model call failed: " + e.getCause(), e.getCause(), false);
                }
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                next.stream(request, TimedStreamHandler.watch(handler, firstToken, total,
                        Deadline.current().orElse(null)));
            }
        };
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
