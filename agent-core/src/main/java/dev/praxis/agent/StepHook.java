package dev.praxis.agent;

import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.Map;
import java.util.HashMap;

/**
 * The run's own link in the tool chain for one step, passed to the toolbox with the step's
 * calls (never looked up through shared state). It runs on the thread that runs each call,
 * inside the call's deadline: it times the call and, in a durable run, journals a
 * side-effecting call as started (checkpointed) just before the tool runs and as finished
 * (checkpointed) as soon as it returns. Once the step is {@linkplain #close closed}, a call
 * still running past its deadline records nothing more. A call that entered this link but
 * never came back through it was abandoned at its deadline (or by a cancellation); one that
 * came back after the run's deadline was late (a call run inline is never abandoned).
 *
 * <p>The step's first call is timed in a field, the others in a map made only when a second
 * call enters, so a step of one call costs one small object.
 */
final class StepHook implements ToolInterceptor {

    private final Run run;
    private final Checkpoints checkpoints;
    private final boolean journalling;
    /** Guarded by {@code this}: the first call that entered. */
    private Timing first;
    /** Guarded by {@code this}: the calls that entered after the first, by key; null until a second enters. */
    private Map<String, Timing> more;
    /** Guarded by {@code run}: false once the step is over. */
    private boolean open = true;

    StepHook(Run run, Checkpoints checkpoints, boolean journalling) {
        this.run = run;
        this.checkpoints = checkpoints;
        this.journalling = journalling;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        ToolCall call = chain.call();
        String key = chain.context().idempotencyKey();
        int step = chain.context().step();
        Timing timing = new Timing(key, System.nanoTime());
        enter(timing);
        boolean journal = journalling && chain.tool().sideEffect() != SideEffect.READ_ONLY;
        if (journal) {
            synchronized (run) {
                if (open) {
                    run.journal.started(key, step, call);
                    checkpoints.saveState(run);
                }
            }
        }
        ToolResult result = chain.proceed(call);
        timing.late = chain.context().deadline().expired();
        timing.nanos = System.nanoTime() - timing.start;
        if (journal && result != null) {
            synchronized (run) {
                if (open && run.journal.finishIfStarted(key, step, call, result)) {
                    checkpoints.saveState(run);
                }
            }
        }
        return result;
    }

    /** Ends the step: calls still running record nothing more. */
    void close() {
        synchronized (run) {
            open = false;
        }
    }

    /** Whether the call of {@code key} started running but was given up before it returned. */
    boolean abandoned(String key) {
        Timing timing = find(key);
        return timing != null && timing.nanos < 0;
    }

    /** Whether the call of {@code key} returned after the run's deadline (an inline call cannot be abandoned). */
    boolean late(String key) {
        Timing timing = find(key);
        return timing != null && timing.nanos >= 0 && timing.late;
    }

    /** How long the call of {@code key} ran; until now for an abandoned one, zero if it never ran. */
    Duration duration(String key) {
        Timing timing = find(key);
        if (timing == null) {
            return Duration.ZERO;
        }
        long nanos = timing.nanos;
        return Duration.ofNanos(nanos >= 0 ? nanos : System.nanoTime() - timing.start);
    }

    private synchronized void enter(Timing timing) {
        if (first == null) {
            first = timing;
            return;
        }
        if (more == null) {
            more = new HashMap<>();
        }
        more.put(timing.key, timing);
    }

    /** The timing of {@code key}: of two calls with the same key, the one that entered last. */
    private synchronized Timing find(String key) {
        Timing timing = more == null ? null : more.get(key);
        if (timing != null) {
            return timing;
        }
        return first != null && first.key.equals(key) ? first : null;
    }

    /** One call's timing: written by the thread that runs the call, read by the run's thread. */
    private static final class Timing {
        final String key;
        final long start;
        /** Set before {@link #nanos}, so a reader that sees the call finished sees whether it was late. */
        volatile boolean late;
        /** How long the call ran; -1 while it runs (or once it was abandoned). */
        volatile long nanos = -1;

        Timing(String key, long start) {
            this.key = key;
            this.start = start;
        }
    }
}
