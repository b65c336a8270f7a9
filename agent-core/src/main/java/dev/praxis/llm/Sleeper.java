package dev.praxis.llm;

import java.time.Duration;

/**
 * Waits. Decorators that pause (retry backoff, rate limiting) take one so tests can replace
 * real sleeping with a fake that records the delays and moves a test clock.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread with {@link Thread#sleep}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    /**
     * Blocks for {@code duration}.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
