package dev.praxis.llm.internal;

import dev.langchain4j.exception.TimeoutException;
import dev.praxis.llm.Deadline;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the reading of one response body, which the JDK client's request timeout does not
 * (it stops at the headers): no gap between bytes longer than {@code idle}, and nothing past
 * the caller's {@link Deadline}. When either runs out the exchange is cancelled and the body's
 * reader fails at once; {@link #failure()} then says which ran out. No thread is interrupted.
 * Not part of the public API.
 */
final class BodyWatch<T> implements HttpResponse.BodySubscriber<T> {

    private final HttpResponse.BodySubscriber<T> delegate;
    private final long idleNanos;
    private final Deadline deadline;
    private final String host;
    private final Object lock = new Object();
    private volatile long lastProgress = System.nanoTime();
    private volatile RuntimeException failure;
    private Flow.Subscription upstream;
    private ScheduledFuture<?> timer;
    private boolean done;

    BodyWatch(HttpResponse.BodySubscriber<T> delegate, Duration idle, Deadline deadline, String host) {
        this.delegate = delegate;
        this.idleNanos = idle.toNanos();
        this.deadline = deadline;
        this.host = host;
    }

    /** What ran out, once the watch has cut the body short. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (lock) {
            upstream = subscription;
        }
        delegate.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscription.request(n);
            }

            @Override
            public void cancel() {
                stop();
                subscription.cancel();
            }
        });
        arm();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        lastProgress = System.nanoTime();
        synchronized (lock) {
            if (done) {
                return;
            }
            delegate.onNext(item);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (stop()) {
            delegate.onError(throwable);
        }
    }

    @Override
    public void onComplete() {
        if (stop()) {
            delegate.onComplete();
        }
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    /** Marks the body done; false if it already was. */
    private boolean stop() {
        synchronized (lock) {
            if (done) {
                return false;
            }
            done = true;
            if (timer != null) {
                timer.cancel(false);
            }
            return true;
        }
    }

    private void arm() {
        long now = System.nanoTime();
        long wait = lastProgress + idleNanos - now;
        if (deadline != null) {
            wait = Math.min(wait, deadline.remaining().toNanos());
        }
        synchronized (lock) {
            if (!done) {
                timer = DaemonThreads.TIMERS.schedule(this::check, Math.max(wait, 0), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void check() {
        if (deadline != null && deadline.expired()) {
            expire(deadline.exceeded("while reading the response body from " + host));
        } else if (System.nanoTime() - lastProgress >= idleNanos) {
            expire(new TimeoutException("no bytes from " + host + " for " + idleNanos / 1_000_000
                    + " ms while reading the response body"));
        } else {
            arm();
        }
    }

    private void expire(RuntimeException cause) {
        Flow.Subscription subscription;
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            failure = cause;
            subscription = upstream;
        }
        subscription.cancel();
        delegate.onError(new IOException(cause.getMessage(), cause));
    }
}
