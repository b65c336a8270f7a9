package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.internal.Failures;
import dev.praxis.llm.internal.RetryingStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Tries a failed model call again, only when the failure is transient (HTTP 408/429/5xx,
 * timeouts, connection resets; never 400 or 401). The wait before retry {@code n} is
 * "full jitter": a uniformly random duration in {@code [0, min(maxDelay, baseDelay * 2^(n-1)))};
 * a server's {@code Retry-After} replaces it, and a {@code Retry-After} longer than
 * {@code maxRetryAfter} ends the retries at once rather than blocking for it.
 *
 * <pre>{@code
 * LlmClient llm = LlmClients.fromEnv().with(Retry.upTo(4).baseDelay(Duration.ofMillis(500)));
 * }</pre>
 *
 * <p>Inside a {@link Deadline}, a retry whose wait (backoff or {@code Retry-After}) would end
 * past it is not made: the call fails with a {@link DeadlineExceededException} naming the last
 * failure. Deterministic failures (a body that does not parse) are not retried.
 *
 * <p>A stream is retried only if it fails before its first partial response, so a caller
 * never sees text twice. Immutable and thread-safe; the {@code with...} methods return copies.
 */
public final class Retry implements LlmDecorator {

    private static final Logger log = LoggerFactory.getLogger(Retry.class);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    private Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, Sleeper sleeper,
                  DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = positive(baseDelay, "baseDelay");
        this.maxDelay = positive(maxDelay, "maxDelay");
        this.maxRetryAfter = positive(maxRetryAfter, "maxRetryAfter");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * At most {@code maxAttempts} calls in all (the first plus retries); base delay 1 s, max
     * delay 30 s, a {@code Retry-After} of up to 60 s honoured.
     */
    public static Retry upTo(int maxAttempts) {
        return new Retry(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** This retry with another base delay (the cap of the first backoff). */
    public Retry baseDelay(Duration delay) {
        return new Retry(maxAttempts, delay, maxDelay, maxRetryAfter, sleeper, random);
    }

    /** This retry with another cap on any one backoff. */
    public Retry maxDelay(Duration delay) {
        return new Retry(maxAttempts, baseDelay, delay, maxRetryAfter, sleeper, random);
    }

    /** This retry honouring a server's {@code Retry-After} up to {@code limit}, giving up beyond it. */
    public Retry maxRetryAfter(Duration limit) {
        return new Retry(maxAttempts, baseDelay, maxDelay, limit, sleeper, random);
    }

    /** This retry waiting with {@code sleeper} and drawing jitter from {@code random} (values in [0, 1)). */
    public Retry timing(Sleeper sleeper, DoubleSupplier random) {
        return new Retry(maxAttempts, baseDelay, maxDelay, maxRetryAfter, sleeper, random);
    }

    @Override
    public LlmClient decorate(LlmClient next) {
        Objects.requireNonNull(next, "next");
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        return next.chat(request);
                    } catch (RuntimeException e) {
                        pauseBeforeRetry(attempt, e);
                    }
                }
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                RetryingStreamHandler.start(next, request, handler, (attempt, error) -> {
                    pauseBeforeRetry(attempt, error);
                    return true;
                });
            }
        };
    }

    /**
     * Returns normally if attempt {@code attempt + 1} should follow the failure {@code error},
     * after waiting; otherwise rethrows {@code error} (or an {@link LlmException} naming why
     * the retries stopped).
     */
    private void pauseBeforeRetry(int attempt, RuntimeException error) {
        if (!Failures.isRetriable(error)) {
            throw error;
        }
        if (attempt >= maxAttempts) {
            throw new LlmException("model call failed after " + attempt + " attempts: " + error.getMessage(), error,
                    true, Failures.retryAfter(error).orElse(null));
        }
        Duration delay = withinDeadline(attempt, error);
        log.debug("model call attempt {} failed ({}); retrying in {} ms", attempt, error.getMessage(), delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to retry the model call", error, false);
        }
    }

    /**
     * The wait before the next attempt, if that attempt can still start before the current
     * {@link Deadline}; otherwise the call ends with a {@link DeadlineExceededException} naming
     * the last failure. A wait that leaves no time for the attempt itself is no retry.
     */
    private Duration withinDeadline(int attempt, RuntimeException error) {
        var deadline = Deadline.current();
        var hinted = Failures.retryAfter(error);
        if (deadline.isPresent() && hinted.isPresent() && hinted.get().compareTo(deadline.get().remaining()) >= 0) {
            throw deadline.get().exceeded("before the model could be tried again: the server asked to retry after "
                    + hinted.get().toMillis() + " ms, " + deadline.get().remaining().toMillis() + " ms were left ("
                    + error.getMessage() + ")");
        }
        Duration delay = delayBefore(attempt + 1, error);
        if (deadline.isPresent() && delay.compareTo(deadline.get().remaining()) >= 0) {
            throw deadline.get().exceeded("before attempt " + (attempt + 1) + " of the model call ("
                    + error.getMessage() + ")");
        }
        return delay;
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    Duration delayBefore(int attempt, RuntimeException error) {
        var hinted = Failures.retryAfter(error);
        if (hinted.isPresent()) {
            if (hinted.get().compareTo(maxRetryAfter) > 0) {
                throw new LlmException("model server asked to retry after " + hinted.get().toSeconds()
                        + " s, more than the " + maxRetryAfter.toSeconds() + " s this retry waits: " + error.getMessage(),
                        error, true, hinted.get());
            }
            return hinted.get();
        }
        double cap = Math.min(maxDelay.toNanos(), baseDelay.toNanos() * Math.pow(2, attempt - 2));
        return Duration.ofNanos((long) (cap * random.getAsDouble()));
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
        return d;
    }
}
