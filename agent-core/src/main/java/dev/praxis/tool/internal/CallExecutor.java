package dev.praxis.tool.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where tool calls run: one virtual thread per call when the JVM has them (Java 21+), found at
 * run time because the code base targets Java 17; otherwise a bounded pool of daemon threads.
 */
public final class CallExecutor {

    /** Platform threads the fallback pool may use at once; beyond that calls are refused. */
    public static final int MAX_PLATFORM_THREADS = 64;

    private static final Logger log = LoggerFactory.getLogger(CallExecutor.class);
    private static final ExecutorService VIRTUAL = virtualThreadsOrNull();
    private static final ExecutorService SHARED = VIRTUAL != null ? VIRTUAL : boundedPool();

    private CallExecutor() {
    }

    /** The process-wide executor for tool calls; never shut down. */
    public static ExecutorService shared() {
        return SHARED;
    }

    /** Whether calls run on virtual threads. */
    public static boolean usesVirtualThreads() {
        return VIRTUAL != null;
    }

    private static ExecutorService virtualThreadsOrNull() {
        try {
            var factory = MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) factory.invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            log.debug("no virtual threads on this JVM ({}); tool calls use a bounded pool", Runtime.version());
            return null;
        } catch (Throwable e) {
            log.warn("virtual threads unavailable; tool calls use a bounded pool", e);
            return null;
        }
    }

    private static ExecutorService boundedPool() {
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
