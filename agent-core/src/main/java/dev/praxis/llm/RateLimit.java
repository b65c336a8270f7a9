package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.ForwardingStreamHandler;
import dev.praxis.llm.internal.SlidingWindow;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Client-side rate limiting: at most {@code requests} calls and, optionally, {@code tokens}
 * tokens (input plus output, as the responses report them) in any sliding minute. A call
 * that would exceed a limit waits until the window frees enough room; it fails for the limit
 * only inside a {@link Deadline} that would end first ({@link DeadlineExceededException}). One instance is one shared budget: decorate every client that shares the
 * provider's quota with the same instance.
 *
 * <pre>{@code
 * RateLimit quota = RateLimit.perMinute(60).tokensPerMinute(90_000);
 * LlmClient llm = base.with(quota);
 * }</pre>
 *
 * <p>Thread-safe: concurrent callers queue fairly on the window.
 */
public final class RateLimit implements LlmDecorator {

    private final SlidingWindow requests;
    private final SlidingWindow tokens;

    private RateLimit(SlidingWindow requests, SlidingWindow tokens) {
        this.requests = requests;
        this.tokens = tokens;
    }

    /** At most {@code requests} calls per sliding minute, waiting with the system clock. */
    public static RateLimit perMinute(int requests) {
        return perMinute(requests, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** At most {@code requests} calls per sliding minute, measured on {@code clock}, waiting with {@code sleeper}. */
    public static RateLimit perMinute(int requests, Clock clock, Sleeper sleeper) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, got " + requests);
        }
        return new RateLimit(new SlidingWindow(requests, Duration.ofMinutes(1), clock, sleeper), null);
    }

    /** This limit, also allowing at most {@code limit} tokens per sliding minute. */
    public RateLimit tokensPerMinute(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("tokens per minute must be at least 1, got " + limit);
        }
        return new RateLimit(requests, requests.withCapacity(limit));
    }

    @Override
    public LlmClient decorate(LlmClient next) {
        Objects.requireNonNull(next, "next");
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                admit();
                ChatResponse response = next.chat(request);
                charge(response);
                return response;
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                admit();
                next.stream(request, new ForwardingStreamHandler(handler) {
                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        charge(response);
                        super.onCompleteResponse(response);
                    }
                });
            }
        };
    }

    private void admit() {
        try {
            requests.acquire(1);
            if (tokens != null) {
                tokens.awaitBelowCapacity();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for the rate limit", e, false);
        }
    }

    private void charge(ChatResponse response) {
        if (tokens != null && response != null && response.tokenUsage() != null) {
            Integer total = response.tokenUsage().totalTokenCount();
            if (total != null && total > 0) {
                tokens.record(total);
            }
        }
    }
}
