package dev.praxis.llm.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Works around java-llama.cpp attaching its native server thread to the JVM as a non-daemon
 * thread and never detaching it, so a program that closed its model still never exits.
 *
 * <p>The thread attaches during a model's first generation, so the load and the first call of
 * each model record the non-daemon threads that appeared meanwhile. A daemon watcher checks
 * once a second: when every live non-daemon thread is either the launcher's
 * {@code DestroyJavaVM} thread or such a recorded thread that runs no Java code at all (an
 * idle native thread has no Java frames), then {@code main} has returned and nothing of the
 * application runs, and the JVM would have exited but for the leak; the watcher then calls
 * {@link System#exit(int)} with status 0 (shutdown hooks run as usual). While the application
 * has any thread of its own running, it never acts.
 */
final class NativeThreads {

    private static final Logger log = LoggerFactory.getLogger(NativeThreads.class);
    private static final Set<Thread> LEAKED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean watching;

    private NativeThreads() {
    }

    /** The live non-daemon threads now. */
    static Set<Thread> nonDaemon() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Records the non-daemon threads that appeared since {@code before} as the native library's. */
    static void adoptSince(Set<Thread> before) {
        Set<Thread> added = nonDaemon();
        added.removeAll(before);
        added.remove(Thread.currentThread());
        if (!added.isEmpty()) {
            LEAKED.addAll(added);
            log.debug("llama.cpp attached non-daemon threads {}", added.stream().map(Thread::getName).toList());
            watch();
        }
    }

    /** Whether only leaked native threads and the launcher's exit thread are left. */
    static boolean onlyLeakedThreadsRemain() {
        for (var entry : Thread.getAllStackTraces().entrySet()) {
            Thread t = entry.getKey();
            if (t.isDaemon() || !t.isAlive() || "DestroyJavaVM".equals(t.getName())) {
                continue;
            }
            if (!LEAKED.contains(t) || entry.getValue().length > 0) {
                return false;
            }
        }
        return true;
    }

    private static synchronized void watch() {
        if (watching) {
            return;
        }
        watching = true;
        Thread watcher = new Thread(NativeThreads::watchLoop, "praxis-llama-exit-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watchLoop() {
        try {
            while (true) {
                TimeUnit.SECONDS.sleep(1);
                if (onlyLeakedThreadsRemain()) {
                    log.debug("main has ended and only llama.cpp's native threads remain; exiting the JVM");
                    System.exit(0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
