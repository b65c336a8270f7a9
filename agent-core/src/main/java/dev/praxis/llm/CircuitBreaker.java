package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.Failures;
import dev.praxis.llm.internal.ForwardingStreamHandler;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Stops calling a model that keeps failing. After {@code failures} transient failures in the
 * last {@code window} calls the breaker opens and every call fails fast with a retriable
 * {@link LlmException} (so a {@link Fallback} outside it moves on at once); after
 * {@code openFor} it half-opens and lets {@code probes} calls through, closing again if they
 * succeed. Permanent failures (400, 401) say nothing about the model's health and are not
 * counted. Built on resilience4j's circuit breaker.
 *
 * <pre>{@code
 * LlmClient llm = primary.with(CircuitBreaker.after(5).openFor(Duration.ofSeconds(30)))
 *                        .with(Fallback.to(backup));
 * }</pre>
 *
 * <p>One instance is one breaker; decorating several clients with it shares its state.
 * Thread-safe.
 */
public final class CircuitBreaker implements LlmDecorator {

    private final io.github.resilience4j.circuitbreaker.CircuitBreaker breaker;
    private final int failures;
    private final Duration openFor;
    private final Clock clock;

    private CircuitBreaker(int failures, Duration openFor, Clock clock) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        this.failures = failures;
        this.openFor = Objects.requireNonNull(openFor, "openFor");
        this.clock = Objects.requireNonNull(clock, "clock");
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(failures, failures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100f)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(Failures::isRetriable)
                .clock(clock)
                .build();
        this.breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("llm", config);
    }

    /** Opens after {@code consecutiveFailures} transient failures in a row; stays open 30 s. */
    public static CircuitBreaker after(int consecutiveFailures) {
        return new CircuitBreaker(consecutiveFailures, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** This breaker staying open for {@code duration} before it lets a probe through. */
    public CircuitBreaker openFor(Duration duration) {
        return new CircuitBreaker(failures, duration, clock);
    }

    /** This breaker measuring time on {@code clock} (for tests). */
    public CircuitBreaker clock(Clock testClock) {
        return new CircuitBreaker(failures, openFor, testClock);
    }

    /** The breaker's state: {@code "CLOSED"}, {@code "OPEN"} or {@code "HALF_OPEN"}. */
    public String state() {
        breaker.tryAcquirePermission();
        breaker.releasePermission();
        return breaker.getState().name();
    }

    @Override
    public LlmClient decorate(LlmClient next) {
        Objects.requireNonNull(next, "next");
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                permit();
                long start = System.nanoTime();
                try {
                    ChatResponse response = next.chat(request);
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return response;
                } catch (RuntimeException e) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                    throw e;
                }
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                try {
                    permit();
                } catch (LlmException e) {
                    handler.onError(e);
                    return;
                }
                long start = System.nanoTime();
                next.stream(request, new ForwardingStreamHandler(handler) {
                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        super.onCompleteResponse(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error);
                        super.onError(error);
                    }
                });
            }
        };
    }

    private void permit() {
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            throw new LlmException("circuit breaker is open: the model failed " + failures
                    + " times in a row; calls resume after " + openFor.toSeconds() + " s", e, true);
        }
    }
}
