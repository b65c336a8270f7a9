package dev.praxis.tool.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Deadlines for calls that run on the caller's own thread: an armed {@link Alarm} interrupts
 * that thread when the deadline passes.
 *
 * <p>Nearly every call ends long before its deadline, so arming is made cheap for them: an
 * alarm due later than {@link #SWEEP_NANOS twice the sweep period} is only pushed onto a
 * lock-free list. A sweeper thread takes the list at most one period later, drops the alarms
 * that were disarmed meanwhile and schedules the rest on the timer at their exact deadlines,
 * which are still ahead. Alarms due sooner go to the timer at once. Two daemon platform
 * threads serve every alarm.
 */
final class Watchdog {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    /** How long an armed alarm may wait on the list before the sweeper looks at it. */
    static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final AtomicReference<Alarm> NEWEST = new AtomicReference<>();
    private static final AtomicBoolean SWEEPER_IDLE = new AtomicBoolean();
    private static final Thread SWEEPER = sweeper();

    private Watchdog() {
    }

    /** Interrupts {@code thread} after {@code delay} unless the alarm is disarmed first. */
    static Alarm arm(Thread thread, Duration delay) {
        long nanos = saturatedNanos(delay);
        Alarm alarm = new Alarm(thread, System.nanoTime() + nanos);
        if (nanos < 2 * SWEEP_NANOS) {
            synchronized (alarm) {
                alarm.future = TIMER.schedule(alarm, nanos, TimeUnit.NANOSECONDS);
            }
            return alarm;
        }
        Alarm head;
        do {
            head = NEWEST.get();
            alarm.next = head;
        } while (!NEWEST.compareAndSet(head, alarm));
        if (SWEEPER_IDLE.get() && SWEEPER_IDLE.compareAndSet(true, false)) {
            LockSupport.unpark(SWEEPER);
        }
        return alarm;
    }

    /** One armed deadline. Thread-safe. */
    static final class Alarm implements Runnable {
        private final long deadlineNanos;
        private Thread thread;
        /** The next older alarm on the sweeper's list; only the sweeper reads it. */
        private Alarm next;
        private ScheduledFuture<?> future;
        private boolean fired;
        private boolean disarmed;

        private Alarm(Thread thread, long deadlineNanos) {
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public synchronized void run() {
            if (!disarmed && !fired) {
                fired = true;
                thread.interrupt();
            }
        }

        /**
         * Stops the alarm. Returns true if it went off first, in which case the interrupt has
         * already been delivered (so the caller can clear it); false means it never will.
         */
        boolean disarm() {
            ScheduledFuture<?> scheduled;
            boolean wentOff;
            synchronized (this) {
                disarmed = true;
                wentOff = fired;
                scheduled = future;
                thread = null; // the list may hold this alarm a little longer; not the thread
            }
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            return wentOff;
        }

        /** Called by the sweeper: schedules the alarm unless disarmed, or fires it if already due. */
        private synchronized void handOver() {
            if (disarmed) {
                return;
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                run();
            } else {
                future = TIMER.schedule(this, remaining, TimeUnit.NANOSECONDS);
            }
        }
    }

    private static void sweep() {
        while (true) {
            Alarm alarm = NEWEST.getAndSet(null);
            if (alarm == null) {
                SWEEPER_IDLE.set(true);
                if (NEWEST.get() == null) {
                    LockSupport.park(); // arm() unparks when it finds the sweeper idle
                }
                SWEEPER_IDLE.set(false);
                continue;
            }
            while (alarm != null) {
                Alarm older = alarm.next;
                alarm.next = null;
                try {
                    alarm.handOver();
                } catch (RuntimeException e) {
                    // the sweeper must outlive any one alarm, or no later deadline would fire
                    log.error("could not schedule a tool call's deadline; that call runs without one", e);
                }
                alarm = older;
            }
            LockSupport.parkNanos(SWEEP_NANOS);
        }
    }

    private static long saturatedNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2; // centuries: never due in practice, and nanoTime arithmetic stays exact
        }
    }

    private static Thread sweeper() {
        Thread thread = new Thread(Watchdog::sweep, "praxis-tool-deadline-sweeper");
        thread.setDaemon(true);
        thread.start();
        return thread;
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
