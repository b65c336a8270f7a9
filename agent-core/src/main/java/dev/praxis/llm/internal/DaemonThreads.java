package dev.praxis.llm.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for timed calls, so a forgotten call never keeps the JVM alive. */
public final class DaemonThreads {

    /** Runs blocking model calls that a caller waits on with a timeout. */
    public static final ExecutorService CALLS = Executors.newCachedThreadPool(named("praxis-llm-call"));

    /** Fires stream deadlines. */
    public static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            named("praxis-llm-timer"));

    private DaemonThreads() {
    }

    /** A factory of daemon threads called {@code prefix-N}. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
