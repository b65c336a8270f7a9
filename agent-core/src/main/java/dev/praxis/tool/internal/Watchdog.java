package dev.praxis.tool.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for calls that run on the caller's own thread: an armed {@link Alarm} interrupts
 * that thread when the deadline passes. One daemon platform thread serves every alarm.
 */
final class Watchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Watchdog() {
    }

    /** Interrupts {@code thread} after {@code delay} unless the alarm is disarmed first. */
    static Alarm arm(Thread thread, Duration delay) {
        Alarm alarm = new Alarm(thread);
        alarm.future = TIMER.schedule(alarm, delay.toNanos(), TimeUnit.NANOSECONDS);
        return alarm;
    }

    /** One armed deadline. Thread-safe. */
    static final class Alarm implements Runnable {
        private final Thread thread;
        private ScheduledFuture<?> future;
        private boolean fired;
        private boolean disarmed;

        private Alarm(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (!disarmed) {
                    fired = true;
                    thread.interrupt();
                }
            }
        }

        /**
         * Stops the alarm. Returns true if it went off first, in which case the interrupt has
         * already been delivered (so the caller can clear it); false means it never will.
         */
        boolean disarm() {
            boolean wentOff;
            synchronized (this) {
                disarmed = true;
                wentOff = fired;
            }
            future.cancel(false);
            return wentOff;
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "praxis-tool-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // most alarms are disarmed long before they are due: drop them from the queue at once
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
