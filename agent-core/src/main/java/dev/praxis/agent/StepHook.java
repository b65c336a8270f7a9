package dev.praxis.agent;

import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's own link in the tool chain for one step, passed to the toolbox with the step's
 * calls (never looked up through shared state). It runs on the thread that runs each call,
 * inside the call's deadline: it times the call and, in a durable run, journals a
 * side-effecting call as started (checkpointed) just before the tool runs and as finished
 * (checkpointed) as soon as it returns. Once the step is {@linkplain #close closed}, a call
 * still running past its deadline records nothing more. A call that entered this link but
 * never came back through it was abandoned at its deadline (or by a cancellation); one that
 * came back after the run's deadline was late (a call run inline is never abandoned).
 */
final class StepHook implements ToolInterceptor {

    private final Run run;
    private final Checkpoints checkpoints;
    private final boolean journalling;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, Duration> finished = new ConcurrentHashMap<>();
    private final Set<String> late = ConcurrentHashMap.newKeySet();
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
        long start = System.nanoTime();
        started.put(key, start);
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
        finished.put(key, Duration.ofNanos(System.nanoTime() - start));
        if (chain.context().deadline().expired()) {
            late.add(key);
        }
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
        return started.containsKey(key) && !finished.containsKey(key);
    }

    /** Whether the call of {@code key} returned after the run's deadline (an inline call cannot be abandoned). */
    boolean late(String key) {
        return late.contains(key);
    }

    /** How long the call of {@code key} ran; until now for an abandoned one, zero if it never ran. */
    Duration duration(String key) {
        Duration done = finished.get(key);
        if (done != null) {
            return done;
        }
        Long start = started.get(key);
        return start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
    }
}
