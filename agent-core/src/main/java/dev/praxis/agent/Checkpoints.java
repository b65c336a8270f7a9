package dev.praxis.agent;

import dev.praxis.state.CallRecord;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.state.RunState;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loop's durability collaborator, called at fixed points: after the run starts, before
 * and after each side-effecting tool call, after each step and at the end. With a durable
 * store it writes the run's state each time; the calls of a step still run in parallel, each
 * side-effecting one journalled on its own thread as it starts and finishes (see
 * {@link StepHook}). After every save, the turns the state now holds are written to
 * conversation memory, so a resumed run knows which turns memory may already have. Without a
 * durable store it stays out of the way, except that a run paused for approval is kept in
 * this process so it can be resumed.
 */
final class Checkpoints {

    private final CheckpointStore store;
    private final boolean durable;
    private final Duration approvalTimeout;
    private final Clock clock;

    Checkpoints(Optional<CheckpointStore> durableStore, Duration approvalTimeout, Clock clock) {
        this.store = durableStore.orElseGet(InMemoryCheckpointStore::new);
        this.durable = durableStore.isPresent();
        this.approvalTimeout = approvalTimeout;
        this.clock = clock;
    }

    /** Erases the user's runs kept in this process (none with a durable store, which is forgotten on its own). */
    long forget(String tenant, String user) {
        return durable ? 0 : store.forget(tenant, user);
    }

    /** The stored state of {@code runId}. */
    RunState load(String agent, String runId) {
        return store.load(runId).orElseThrow(() -> new CheckpointException("agent '" + agent + "' has no checkpoint"
                + " for run " + runId + (durable ? "" : "; without checkpoints(store) only runs paused for approval"
                + " in this process can be resumed")));
    }

    /** Whether a state of {@code runId} is stored. */
    boolean has(String runId) {
        return store.load(runId).isPresent();
    }

    /** Saves the run as going on, then writes the turns it holds to memory. */
    void save(Run run) {
        synchronized (run) {
            if (durable) {
                store.save(run.snapshot(RunState.Phase.RUNNING, "", "", ++run.savedVersion));
            }
        }
        run.commitMemory();
    }

    /** Saves how the run ended; a run paused for approval is kept even without a durable store. */
    void ended(Run run, AgentResult result) {
        synchronized (run) {
            if (result.status() == Status.AWAITING_APPROVAL) {
                store.save(run.snapshot(RunState.Phase.AWAITING_APPROVAL, result.status().name(), result.reason(),
                        ++run.savedVersion));
            } else if (durable) {
                store.save(run.snapshot(RunState.Phase.ENDED, result.status().name(), result.reason(),
                        ++run.savedVersion));
            } else if (run.savedVersion > 0) {
                store.delete(run.runId); // it was kept here while it waited for approval
            }
        }
        run.commitMemory();
    }

    /** A hook for one step of {@code run}: it journals the step's side-effecting calls when runs are durable. */
    StepHook hook(Run run) {
        return new StepHook(run, this, durable);
    }

    /**
     * Runs the calls of one step in parallel, through {@code hook}, except those with an answer
     * already: in {@code answered} (non-null at their index; empty when no call has one) or in
     * the journal (replayed, never executed twice). Side-effecting calls are journalled as
     * started before and finished after they run; calls that need a person become pending
     * approvals. The hook is closed when the step returns, so calls still running past their
     * deadline record nothing more.
     */
    List<ToolResult> execute(Run run, List<ToolCall> calls, ToolContext context, Toolbox toolbox, StepHook hook,
                             List<ToolResult> answered) {
        try {
            boolean journalled = durable || !run.journal.isEmpty();
            if (!journalled && answered.isEmpty()) {
                return runAll(run, calls, context, toolbox, hook); // nothing to replay or to skip
            }
            List<ToolResult> results = new ArrayList<>(calls.size());
            List<ToolCall> toRun = new ArrayList<>(calls.size());
            int[] fresh = new int[calls.size()];
            for (int i = 0; i < calls.size(); i++) {
                ToolResult known = answered.isEmpty() ? null : answered.get(i);
                if (known == null && journalled) {
                    known = run.journal.get(key(context, calls.get(i), i)).flatMap(CallRecord::result).orElse(null);
                }
                if (known == null) {
                    fresh[toRun.size()] = i;
                    toRun.add(calls.get(i));
                }
                results.add(known);
            }
            if (toRun.isEmpty()) {
                return results;
            }
            List<ToolResult> ran = toolbox.execute(toRun, context, hook);
            hook.close();
            boolean settle = journalled || anyAwaiting(ran);
            for (int j = 0; j < toRun.size(); j++) {
                int i = fresh[j];
                if (settle) {
                    settle(run, calls.get(i), key(context, calls.get(i), i), context.step(), ran.get(j),
                            hasSideEffect(calls.get(i), toolbox));
                }
                results.set(i, ran.get(j));
            }
            return results;
        } finally {
            hook.close();
        }
    }

    /** Runs every call of a step that is not journalled; a call that needs a person becomes a pending approval. */
    private List<ToolResult> runAll(Run run, List<ToolCall> calls, ToolContext context, Toolbox toolbox,
                                    StepHook hook) {
        List<ToolResult> ran = toolbox.execute(calls, context, hook);
        hook.close();
        if (anyAwaiting(ran)) {
            for (int i = 0; i < calls.size(); i++) {
                settle(run, calls.get(i), key(context, calls.get(i), i), context.step(), ran.get(i),
                        hasSideEffect(calls.get(i), toolbox));
            }
        }
        return ran;
    }

    /** Saves {@code run} as going on, without writing memory; the caller holds the run's lock. */
    void saveState(Run run) {
        if (durable) {
            store.save(run.snapshot(RunState.Phase.RUNNING, "", "", ++run.savedVersion));
        }
    }

    /**
     * Runs {@code call} (journalled if it has side effects) and returns its result; used for
     * calls a person approved, with a toolbox that no longer asks.
     */
    ToolResult runDecided(Run run, ToolCall call, String key, int step, Toolbox toolbox) {
        return run(run, call, key, step, toolbox, true);
    }

    private ToolResult run(Run run, ToolCall call, String key, int step, Toolbox toolbox, boolean alwaysRecord) {
        boolean sideEffect = hasSideEffect(call, toolbox);
        if (sideEffect) {
            run.journal.started(key, step, call);
            save(run);
        }
        ToolResult result = toolbox.execute(call, run.toolContext(step));
        if (settle(run, call, key, step, result, alwaysRecord || sideEffect)) {
            save(run);
        }
        return result;
    }

    /** Records how a call ended in the journal; returns whether it recorded a finished call. */
    private boolean settle(Run run, ToolCall call, String key, int step, ToolResult result, boolean journal) {
        if (result instanceof ToolResult.AwaitingApproval awaiting) {
            run.journal.forget(key);
            run.journal.awaiting(new PendingApproval(key, step, call, awaiting.question(), clock.instant(),
                    clock.instant().plus(approvalTimeout)));
            return false;
        }
        if (journal) {
            run.journal.finished(key, step, call, result);
        }
        return journal;
    }

    private static boolean anyAwaiting(List<ToolResult> results) {
        for (ToolResult result : results) {
            if (result instanceof ToolResult.AwaitingApproval) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSideEffect(ToolCall call, Toolbox toolbox) {
        return toolbox.find(call.name()).map(Tool::sideEffect).orElse(SideEffect.READ_ONLY) != SideEffect.READ_ONLY;
    }

    /** The call's idempotency key, as the toolbox derives it. */
    static String key(ToolContext context, ToolCall call, int index) {
        return context.forCall(call, index).idempotencyKey();
    }
}
