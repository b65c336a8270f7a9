package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.Failures;
import dev.praxis.llm.internal.ForwardingStreamHandler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Stops calling a model that keeps failing. After {@code failures} transient failures in the
 * last {@code window} calls the breaker opens and every call fails fast with a retriable
 * {@link LlmException} (so a {@link Fallback} outside it moves on at once); after
 * {@code openFor} it half-opens and lets {@code probes} calls through, closing again if they
 * succeed. Permanent failures (400, 401) say nothing about the model's health and are not
 * counted: they end a run of failures like a success does.
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

    private final Breaker breaker;
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
        this.breaker = new Breaker(failures, openFor, clock);
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
        return breaker.state();
    }

    @Override
    public LlmClient decorate(LlmClient next) {
        Objects.requireNonNull(next, "next");
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                permit();
                try {
                    ChatResponse response = next.chat(request);
                    breaker.record(null);
                    return response;
                } catch (RuntimeException e) {
                    breaker.record(e);
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
                next.stream(request, new ForwardingStreamHandler(handler) {
                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        breaker.record(null);
                        super.onCompleteResponse(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        breaker.record(error);
                        super.onError(error);
                    }
                });
            }
        };
    }

    private void permit() {
        if (!breaker.tryAcquire()) {
            throw new LlmException("circuit breaker is open: the model failed " + failures
                    + " times in a row; calls resume after " + openFor.toSeconds() + " s", null, true);
        }
    }

    /**
     * The breaker's state machine: CLOSED counts transient failures in a row; at the limit it
     * turns OPEN and refuses calls; after {@code openFor} the next call is the one HALF_OPEN probe,
     * whose outcome closes or reopens it. Guarded by its own monitor.
     */
    private static final class Breaker {
        private enum State { CLOSED, OPEN, HALF_OPEN }

        private final int limit;
        private final Duration openFor;
        private final Clock clock;
        private State state = State.CLOSED;
        private int inARow;
        private Instant openedAt = Instant.MIN;
        private boolean probing;

        Breaker(int limit, Duration openFor, Clock clock) {
            this.limit = limit;
            this.openFor = openFor;
            this.clock = clock;
        }

        synchronized boolean tryAcquire() {
            halfOpenWhenDue();
            if (state == State.HALF_OPEN && !probing) {
                probing = true;
                return true;
            }
            return state == State.CLOSED;
        }

        /** Records a call's outcome: {@code error} null for a success. */
        synchronized void record(Throwable error) {
            boolean failed = error != null && Failures.isRetriable(error);
            switch (state) {
                case CLOSED -> {
                    inARow = failed ? inARow + 1 : 0;
                    if (inARow >= limit) {
                        open();
                    }
                }
                case HALF_OPEN -> {
                    probing = false;
                    if (failed) {
                        open();
                    } else {
                        state = State.CLOSED;
                        inARow = 0;
                    }
                }
                case OPEN -> { } // a call let through before the breaker opened says nothing new
            }
        }

        synchronized String state() {
            halfOpenWhenDue();
            return state.name();
        }

        private void open() {
            state = State.OPEN;
            openedAt = clock.instant();
            inARow = 0;
        }

        private void halfOpenWhenDue() {
            if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
                state = State.HALF_OPEN;
                probing = false;
            }
        }
    }
}
