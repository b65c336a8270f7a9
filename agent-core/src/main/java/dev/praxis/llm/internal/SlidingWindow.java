package dev.praxis.llm.internal;

import dev.praxis.llm.Deadline;
import dev.praxis.llm.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Amounts spent in the last {@code window}, with a capacity. Callers wait (on the injected
 * sleeper) until what they ask for fits. Thread-safe.
 */
public final class SlidingWindow {

    private record Entry(Instant at, long amount) {
    }

    private final long capacity;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long inWindow;

    /** A window of {@code window} length holding at most {@code capacity}. */
    public SlidingWindow(long capacity, Duration window, Clock clock, Sleeper sleeper) {
        this.capacity = capacity;
        this.window = window;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A new, empty window with the same length, clock and sleeper but another capacity. */
    public SlidingWindow withCapacity(long newCapacity) {
        return new SlidingWindow(newCapacity, window, clock, sleeper);
    }

    /** Waits until {@code amount} fits, then records it. */
    public void acquire(long amount) throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                expire();
                if (inWindow + amount <= capacity || entries.isEmpty()) {
                    entries.addLast(new Entry(clock.instant(), amount));
                    inWindow += amount;
                    return;
                }
                wait = untilOldestExpires();
            }
            sleepWithin(wait);
        }
    }

    /** Waits until the window holds less than its capacity. */
    public void awaitBelowCapacity() throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                expire();
                if (inWindow < capacity) {
                    return;
                }
                wait = untilOldestExpires();
            }
            sleepWithin(wait);
        }
    }

    /** Sleeps {@code wait}, unless the current {@link Deadline} ends first: then fails at once. */
    private void sleepWithin(Duration wait) throws InterruptedException {
        var deadline = Deadline.current();
        if (deadline.isPresent() && wait.compareTo(deadline.get().remaining()) >= 0) {
            throw deadline.get().exceeded("waiting for the rate limit: the window has room again in "
                    + wait.toMillis() + " ms, " + deadline.get().remaining().toMillis() + " ms were left");
        }
        sleeper.sleep(wait);
    }

    /** Records {@code amount} spent now, without waiting. */
    public synchronized void record(long amount) {
        expire();
        entries.addLast(new Entry(clock.instant(), amount));
        inWindow += amount;
    }

    private void expire() {
        Instant horizon = clock.instant().minus(window);
        while (!entries.isEmpty() && !entries.peekFirst().at().isAfter(horizon)) {
            inWindow -= entries.removeFirst().amount();
        }
    }

    private Duration untilOldestExpires() {
        Duration wait = Duration.between(clock.instant(), entries.peekFirst().at().plus(window));
        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
    }
}
