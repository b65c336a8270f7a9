package dev.praxis.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The moment by which a model call must be over, scoped to the calls made inside
 * {@link #call}. It is how the time a run has left reaches every link of an {@link LlmClient}
 * chain without changing {@code LlmClient}'s one method: the agent loop binds the run's
 * deadline around each model call, and the decorators ({@link Retry}, {@link Timeout},
 * {@link RateLimit}, {@link CircuitBreaker}) and the provider HTTP client read
 * {@link #current()} and never wait, retry or read a body past it.
 *
 * <pre>{@code
 * ChatResponse r = Deadline.after(Duration.ofSeconds(5)).call(() -> llm.chat(request));
 * }</pre>
 *
 * <p>A call that runs out of time fails with {@link DeadlineExceededException}, which is not
 * retriable. Binding is per thread: code that moves a call to another thread takes
 * {@code current()} with it (the decorators here do). Nested bindings keep the earlier
 * deadline. Instances are immutable and thread-safe.
 */
public final class Deadline {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
    private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    /**
     * No deadline: {@link #remaining()} is practically unbounded, it never expires, and
     * {@link #call} leaves the thread's binding as it is. What a call outside any run carries.
     */
    public static final Deadline NONE = new Deadline(0, "no deadline", false);

    private final long atNanos;
    private final String what;
    private final boolean bounded;

    private Deadline(long atNanos, String what, boolean bounded) {
        this.atNanos = atNanos;
        this.what = what;
        this.bounded = bounded;
    }

    /**
     * A deadline {@code timeLeft} from now; {@code what} names it in failures (e.g.
     * {@code "the run's time budget"}).
     *
     * @throws IllegalArgumentException if {@code timeLeft} is negative
     */
    public static Deadline after(Duration timeLeft, String what) {
        Objects.requireNonNull(timeLeft, "timeLeft");
        Objects.requireNonNull(what, "what");
        if (timeLeft.isNegative()) {
            throw new IllegalArgumentException("timeLeft must not be negative, got " + timeLeft);
        }
        return new Deadline(System.nanoTime() + saturatedNanos(timeLeft), what, true);
    }

    /** A deadline {@code timeLeft} from now, named "the deadline". */
    public static Deadline after(Duration timeLeft) {
        return after(timeLeft, "the deadline");
    }

    /** The deadline bound to the calling thread, if a caller set one. */
    public static Optional<Deadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** {@code limit}, shortened to the time the current deadline leaves, if there is one. */
    public static Duration bound(Duration limit) {
        Deadline d = CURRENT.get();
        if (d == null || !d.bounded) {
            return limit;
        }
        Duration left = d.remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }

    /** Time left until this deadline; zero once it has passed. */
    public Duration remaining() {
        if (!bounded) {
            return UNBOUNDED;
        }
        long left = atNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Whether this deadline has passed. */
    public boolean expired() {
        return bounded && atNanos - System.nanoTime() <= 0;
    }

    /** What this deadline is, as given to {@link #after(Duration, String)}. */
    public String what() {
        return what;
    }

    /**
     * Runs {@code body} with this deadline bound to the calling thread (or the current one if
     * that is earlier) and restores the previous binding afterwards.
     */
    public <T> T call(Supplier<T> body) {
        Objects.requireNonNull(body, "body");
        if (!bounded) {
            return body.get();
        }
        Deadline previous = CURRENT.get();
        CURRENT.set(previous != null && previous.atNanos - atNanos < 0 ? previous : this);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous); // not remove(): the thread's entry stays, so the next call makes none
        }
    }

    /** Like {@link #call}, for a body without a result. */
    public void run(Runnable body) {
        Objects.requireNonNull(body, "body");
        call(() -> {
            body.run();
            return null;
        });
    }

    /** The failure of {@code during} running out of this deadline, e.g. "waiting for the rate limit". */
    public DeadlineExceededException exceeded(String during) {
        return new DeadlineExceededException(what + " ran out " + during);
    }

    @Override
    public String toString() {
        if (!bounded) {
            return "Deadline[none]";
        }
        return "Deadline[" + what + ", " + remaining().toMillis() + " ms left]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
