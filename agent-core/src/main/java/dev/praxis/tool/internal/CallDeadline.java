package dev.praxis.tool.internal;

import dev.praxis.llm.Deadline;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The built-in link that bounds a call in time: the rest of the chain runs on a framework
 * thread, with the run's {@link ToolContext#deadline() deadline} bound to it, while the caller
 * waits at most the smaller of the call's timeout and the time the run has left. A call still
 * running at its deadline is abandoned, never interrupted (an interrupt inside NIO closes
 * channels the application may own, such as a database file): the caller moves on at once with
 * a retriable failure that says so, and the tool keeps its thread until it returns, its late
 * result dropped. An interrupt of the waiting thread (the run is cancelled) likewise abandons
 * the call, reports it as cancelled and keeps the interrupt flag set.
 *
 * <p>Calls of the tools named in {@code inline} (the application's opt-in,
 * {@code Toolbox.withInlineCalls}) run on the calling thread instead, with the deadline bound
 * to it; they are never interrupted either, and their deadline is checked when they return: a
 * call that took longer is reported exactly as a timed-out call would be, its result dropped.
 * Such a call that never returns holds its caller. The toolbox uses an inline link only for a
 * step's single call, which runs on the run's own thread.
 *
 * <p>A call of a step with several is already on a framework thread ({@link StepCall}, handed
 * off at its first link): this link starts the step's wait for it and runs the rest of the chain
 * on that thread, so each call is handed off once.
 */
public final class CallDeadline implements ToolInterceptor {

    private final Duration timeout;
    private final Map<String, Duration> perTool;
    private final Executor executor;
    private final Set<String> inline;

    /**
     * Bounds calls by {@code timeout}, or the tool's own entry in {@code perTool}, running them
     * on {@code executor}, except calls of the tools in {@code inline}, which run on the caller's
     * thread.
     */
    public CallDeadline(Duration timeout, Map<String, Duration> perTool, Executor executor,
                        Set<String> inline) {
        this.timeout = timeout;
        this.perTool = Map.copyOf(perTool);
        this.executor = executor;
        this.inline = Set.copyOf(inline);
    }

    @Override
    public ToolResult intercept(Chain chain) {
        String name = chain.call().name();
        if (Thread.currentThread().isInterrupted()) {
            return cancelled(name);
        }
        Duration own = perTool.getOrDefault(name, timeout);
        Deadline run = chain.context().deadline();
        Duration left = run.remaining();
        if (left.isZero()) {
            return new ToolResult.Failed(run.what() + " ran out before tool '" + name + "' could start; it did not run",
                    false);
        }
        boolean runBinds = left.compareTo(own) < 0;
        Duration limit = runBinds ? left : own;
        if (inline.contains(name)) {
            return inline(chain, run, own);
        }
        if (chain instanceof CallChain calls && calls.handedOff() != null) {
            return onItsThread(calls.handedOff(), chain, run, limit, runBinds);
        }
        PendingCall running = new PendingCall(chain, run);
        try {
            executor.execute(running);
        } catch (RejectedExecutionException e) {
            return new ToolResult.Failed("too many tool calls are running at once; try again shortly", true);
        }
        try {
            return running.await(saturatedNanos(limit), runBinds ? run.what() : "its deadline");
        } catch (TimeoutException e) {
            return timedOut(name, limit, runBinds, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cancelled(name);
        } catch (RuntimeException | Error e) {
            throw e; // a ToolCrash or a VirtualMachineError: the run ends
        } catch (Throwable e) {
            return ToolResult.failed("tool '" + name + "' failed: " + CallChain.describe(e));
        }
    }

    /**
     * A call already handed to a framework thread from its first link (a step with several calls):
     * the step's thread now waits for it at most {@code limit}, and the rest of the chain runs here,
     * with the run's deadline bound. If the step gave up on it meanwhile, the links before this one
     * get the failure the step reported.
     */
    private static ToolResult onItsThread(StepCall slot, Chain chain, Deadline run, Duration limit,
                                          boolean runBinds) {
        slot.arm(limit, runBinds, run);
        ToolResult result = run.call(() -> chain.proceed(chain.call()));
        return slot.abandoned() ? slot.abandonedWith() : result;
    }

    /** The failure of a call abandoned after {@code limit}; {@code runBinds} when the run's time ran out. */
    static ToolResult timedOut(String name, Duration limit, boolean runBinds, Deadline run) {
        if (runBinds) {
            return new ToolResult.Failed("tool '" + name + "' was still running when " + run.what() + " ran out,"
                    + " after " + human(limit) + "; it was abandoned (not interrupted), may still be running and"
                    + " may still take effect", false);
        }
        return new ToolResult.Failed("tool '" + name + "' did not finish within " + human(limit)
                + "; it was abandoned (not interrupted), may still be running and may still take effect."
                + " Try a smaller request", true);
    }

    /**
     * Runs the rest of the chain on this thread. A call that overran is reported as the handed-off
     * call would have been at its deadline, with what really happened: it ran to completion.
     */
    private static ToolResult inline(Chain chain, Deadline run, Duration own) {
        String name = chain.call().name();
        long start = System.nanoTime();
        ToolResult result = run.call(() -> chain.proceed(chain.call()));
        long tookNanos = System.nanoTime() - start;
        if (!run.expired() && tookNanos <= saturatedNanos(own)) {
            return result;
        }
        Duration took = Duration.ofNanos(tookNanos);
        String why = "; it ran inline on the run's thread (Toolbox.withInlineCalls), so it could not be abandoned,"
                + " and ran to completion: it may have taken effect, but its result was dropped";
        if (run.expired()) {
            return new ToolResult.Failed("tool '" + name + "' was still running when " + run.what() + " ran out"
                    + " and returned after " + human(took) + why, false);
        }
        if (took.compareTo(own) > 0) {
            return new ToolResult.Failed("tool '" + name + "' did not finish within " + human(own) + " (it took "
                    + human(took) + ")" + why + ". Try a smaller request", true);
        }
        return result;
    }

    static ToolResult cancelled(String name) {
        return new ToolResult.Failed("cancelled: the run was stopped before tool '" + name + "' finished", false);
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 && millis > 0 ? d.toSeconds() + " s" : millis + " ms";
    }
}
