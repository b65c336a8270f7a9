package dev.praxis.tool.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alarms due later than two sweep periods wait on the sweeper's list before they reach the
 * timer: they must still fire at (never before) their deadline, and never once disarmed.
 */
class WatchdogTest {

    private static final Duration SWEPT = Duration.ofNanos(3 * Watchdog.SWEEP_NANOS);

    @Test
    void sweptAlarmInterruptsTheThreadNoSoonerThanItsDeadline() throws Exception {
        long start = System.nanoTime();
        Watchdog.Alarm alarm = Watchdog.arm(Thread.currentThread(), SWEPT);
        long interruptedAfter = sleepUntilInterrupted(Duration.ofSeconds(10), start);

        assertThat(interruptedAfter).as("interrupted at all").isPositive();
        assertThat(interruptedAfter).isGreaterThanOrEqualTo(SWEPT.toNanos());
        assertThat(alarm.disarm()).as("reports that it went off").isTrue();
    }

    @Test
    void disarmedSweptAlarmNeverFires() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(Watchdog.arm(Thread.currentThread(), SWEPT).disarm()).isFalse();
        }
        Thread.sleep(SWEPT.toMillis() * 3); // throws InterruptedException if a disarmed alarm fired

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void manyThreadsArmingAtOnceLoseNoAlarm() throws Exception {
        int threads = 200;
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger early = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                boolean keep = i % 2 == 0; // half are disarmed at once, half must fire
                pool.execute(() -> {
                    try {
                        long start = System.nanoTime();
                        Watchdog.Alarm alarm = Watchdog.arm(Thread.currentThread(), SWEPT);
                        if (!keep) {
                            alarm.disarm();
                            return;
                        }
                        long after = sleepUntilInterrupted(Duration.ofSeconds(10), start);
                        if (after > 0) {
                            interrupted.incrementAndGet();
                        }
                        if (after > 0 && after < SWEPT.toNanos()) {
                            early.incrementAndGet();
                        }
                        alarm.disarm();
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }

        assertThat(interrupted.get()).isEqualTo(threads / 2);
        assertThat(early.get()).isZero();
    }

    @Test
    void shortAlarmsStillFireOnTime() throws Exception {
        long start = System.nanoTime();
        Watchdog.arm(Thread.currentThread(), Duration.ofMillis(10));

        long after = sleepUntilInterrupted(Duration.ofSeconds(10), start);

        assertThat(after).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
    }

    /** Nanoseconds from {@code start} until this thread was interrupted, or -1 if it was not within {@code max}. */
    private static long sleepUntilInterrupted(Duration max, long start) {
        try {
            Thread.sleep(max.toMillis());
            return -1;
        } catch (InterruptedException e) {
            return System.nanoTime() - start;
        }
    }
}
