package dev.praxis.tool.internal;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolObserver;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One call of a step, run on this thread ({@link #inline}) or on the executor ({@link #submit}).
 * The observer hears {@code started} when
 * the call is submitted and {@code finished} when its result is collected, both on the thread
 * that runs the step, in call order, exactly once; the reported duration is the call's own.
 */
public final class CallSlot {

    private final ToolCall call;
    private final ToolObserver observer;
    private final Duration timeout;
    private final long submittedNanos = System.nanoTime();
    private volatile long startNanos;
    private volatile long endNanos;
    private Future<ToolResult> future;
    private ToolResult settled;

    private CallSlot(ToolCall call, ToolObserver observer, Duration timeout) {
        this.call = call;
        this.observer = observer;
        this.timeout = timeout;
        observer.started(call);
    }

    /** A call that was settled without running (unknown tool, invalid arguments, denied). */
    public static CallSlot settled(ToolCall call, ToolObserver observer, ToolResult result) {
        CallSlot slot = new CallSlot(call, observer, Duration.ZERO);
        slot.settled = result;
        return slot;
    }

    /** Starts {@code body} on {@code executor} under {@code timeout}. */
    public static CallSlot submit(ToolCall call, ToolObserver observer, Duration timeout, ExecutorService executor,
                                  Supplier<ToolResult> body) {
        CallSlot slot = new CallSlot(call, observer, timeout);
        try {
            slot.future = executor.submit(() -> {
                slot.startNanos = System.nanoTime();
                try {
                    return body.get();
                } finally {
                    slot.endNanos = System.nanoTime();
                }
            });
        } catch (RejectedExecutionException e) {
            slot.settled = new ToolResult.Failed("too many tool calls are running at once; try again shortly", true);
        }
        return slot;
    }

    /**
     * Runs {@code body} now, on this thread, under {@code timeout}: past the deadline this
     * thread is interrupted, and the call is reported as timed out once the body returns (the
     * interrupt cleared again). If this thread is interrupted by anyone else (the run is
     * cancelled) the call is reported as cancelled and the interrupt flag stays set; a body
     * that swallows that interrupt cannot be told apart from one that simply finished.
     */
    public static CallSlot inline(ToolCall call, ToolObserver observer, Duration timeout, Supplier<ToolResult> body) {
        CallSlot slot = new CallSlot(call, observer, timeout);
        if (Thread.currentThread().isInterrupted()) {
            slot.settled = slot.cancelled();
            return slot;
        }
        Watchdog.Alarm alarm = Watchdog.arm(Thread.currentThread(), timeout);
        boolean timedOut;
        ToolResult result;
        slot.startNanos = System.nanoTime();
        try {
            result = body.get();
        } finally {
            slot.endNanos = System.nanoTime();
            timedOut = alarm.disarm();
        }
        if (timedOut) {
            Thread.interrupted(); // our own alarm's interrupt, not a cancellation of the run
            slot.settled = slot.timedOut();
        } else {
            slot.settled = Thread.currentThread().isInterrupted() ? slot.cancelled() : result;
        }
        return slot;
    }

    /**
     * Waits for the result until the call's own deadline; a call past it is interrupted and
     * reported as a retriable failure.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the run is cancelled)
     */
    public ToolResult await() throws InterruptedException {
        if (settled != null) {
            return report(settled);
        }
        long remaining = timeout.toNanos() - (System.nanoTime() - submittedNanos);
        try {
            return report(future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            if (!future.cancel(true)) {
                return await();
            }
            return report(timedOut());
        } catch (CancellationException e) {
            return report(cancelled());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return report(new ToolResult.Failed("tool '" + call.name() + "' failed: " + cause, false));
        }
    }

    /** Reports the result of a call that ran inline or was settled without running. */
    public ToolResult settledResult() {
        if (settled == null) {
            throw new IllegalStateException("call '" + call.name() + "' is still running on another thread");
        }
        return report(settled);
    }

    /** Stops the call because the run was cancelled, and reports it. */
    public ToolResult cancel() {
        if (settled != null) {
            return report(settled);
        }
        future.cancel(true);
        return report(cancelled());
    }

    private ToolResult timedOut() {
        return new ToolResult.Failed("tool '" + call.name() + "' did not finish within " + human(timeout)
                + " and was stopped; try a smaller request", true);
    }

    private ToolResult cancelled() {
        return new ToolResult.Failed("cancelled: the run was stopped before tool '" + call.name() + "' finished", false);
    }

    private ToolResult report(ToolResult result) {
        long start = startNanos != 0 ? startNanos : submittedNanos;
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        observer.finished(call, result, Duration.ofNanos(Math.max(0, end - start)));
        return result;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
