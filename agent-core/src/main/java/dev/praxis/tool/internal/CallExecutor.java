package dev.praxis.tool.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where tool calls run: one virtual thread per call when the JVM has them (Java 21+), found at
 * run time because the code base targets Java 17; otherwise a bounded pool of daemon threads.
 * A virtual thread is started straight from the JDK's factory: an executor that tracks its
 * threads (for a shutdown this one never has) would cost every call a map entry and a wrapper.
 */
public final class CallExecutor {

    /** Platform threads the fallback pool may use at once; beyond that calls are refused. */
    public static final int MAX_PLATFORM_THREADS = 64;

    private static final Logger log = LoggerFactory.getLogger(CallExecutor.class);
    private static final ThreadFactory VIRTUAL = virtualThreadsOrNull();
    private static final Executor SHARED = VIRTUAL != null ? task -> VIRTUAL.newThread(task).start() : boundedPool();

    private CallExecutor() {
    }

    /**
     * The process-wide executor for tool calls; never shut down. Its {@code execute} throws
     * {@link java.util.concurrent.RejectedExecutionException} when no thread can take the call.
     */
    public static Executor shared() {
        return SHARED;
    }

    /** Whether calls run on virtual threads. */
    public static boolean usesVirtualThreads() {
        return VIRTUAL != null;
    }

    private static ThreadFactory virtualThreadsOrNull() {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Object virtual = MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            return (ThreadFactory) MethodHandles.publicLookup().findVirtual(builder, "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(virtual);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            log.debug("no virtual threads on this JVM ({}); tool calls use a bounded pool", Runtime.version());
            return null;
        } catch (Throwable e) {
            log.warn("virtual threads unavailable; tool calls use a bounded pool", e);
            return null;
        }
    }

    private static Executor boundedPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "praxis-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_PLATFORM_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
