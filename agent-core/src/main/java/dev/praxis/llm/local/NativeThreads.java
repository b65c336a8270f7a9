package dev.praxis.llm.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Works around java-llama.cpp attaching its native server thread to the JVM as a non-daemon
 * thread and never detaching it, so a program that closed its model still never exits.
 *
 * <p>The thread attaches at some point after a model loads (when it first calls back into
 * Java), so it cannot be captured reliably by comparing snapshots. Instead, after the first
 * model load, a daemon watcher looks once a second at the live non-daemon threads. When every
 * one of them is either the launcher's {@code DestroyJavaVM} thread (so {@code main} has
 * returned) or a thread attached from native code after that load that runs no Java code at
 * all (JNI-attached threads are named {@code Thread-N}; an idle native thread has no Java
 * frames), on two checks in a row, the JVM would have exited but for the leak: the watcher
 * calls {@link System#exit(int)} with status 0, and shutdown hooks run as usual. While any
 * thread of the application itself is alive, it never acts.
 */
final class NativeThreads {

    private static final Logger log = LoggerFactory.getLogger(NativeThreads.class);
    private static final Pattern ATTACHED_NAME = Pattern.compile("Thread-\\d+");
    private static volatile long firstIdAfterLoad = Long.MAX_VALUE;
    private static boolean watching;

    private NativeThreads() {
    }

    /** Called before a model loads: threads created from now on may be llama.cpp's. */
    static synchronized void modelLoading() {
        if (watching) {
            return;
        }
        long maxId = Thread.getAllStackTraces().keySet().stream().mapToLong(Thread::getId).max().orElse(0);
        firstIdAfterLoad = maxId + 1;
        watching = true;
        Thread watcher = new Thread(NativeThreads::watchLoop, "praxis-llama-exit-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Whether only leaked native threads and the launcher's exit thread are left. */
    static boolean onlyLeakedThreadsRemain() {
        boolean mainEnded = false;
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread t = entry.getKey();
            if (t.isDaemon() || !t.isAlive()) {
                continue;
            }
            if ("DestroyJavaVM".equals(t.getName())) {
                mainEnded = true;
            } else if (!isIdleNativeThread(t, entry.getValue())) {
                return false;
            }
        }
        return mainEnded;
    }

    private static boolean isIdleNativeThread(Thread t, StackTraceElement[] stack) {
        return stack.length == 0 && t.getId() >= firstIdAfterLoad && ATTACHED_NAME.matcher(t.getName()).matches();
    }

    private static void watchLoop() {
        int idleChecks = 0;
        try {
            while (true) {
                TimeUnit.MILLISECONDS.sleep(500);
                idleChecks = onlyLeakedThreadsRemain() ? idleChecks + 1 : 0;
                if (idleChecks >= 2) {
                    log.debug("main has ended and only llama.cpp's native threads remain; exiting the JVM");
                    System.exit(0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
