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
import dev.praxis.tool.ToolObserver;
import dev.praxis.tool.ToolResult;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loop's durability collaborator, called at fixed points: after the run starts, before
 * and after each side-effecting tool call, after each step and at the end. With a durable
 * store it writes the run's state each time and runs the calls of a step one by one, so each
 * side effect is journalled before and after. Without one it stays out of the way, except
 * that a run paused for approval is kept in this process so it can be resumed.
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

    /** The stored state of {@code runId}. */
    RunState load(String agent, String runId) {
        return store.load(runId).orElseThrow(() -> new CheckpointException("agent '" + agent + "' has no checkpoint"
                + " for run " + runId + (durable ? "" : "; without checkpoints(store) only runs paused for approval"
                + " in this process can be resumed")));
    }

    /** Saves the run as going on. */
    void save(Run run) {
        if (durable) {
            store.save(run.snapshot(RunState.Phase.RUNNING, "", "", ++run.savedVersion));
        }
    }

    /** Saves how the run ended; a run paused for approval is kept even without a durable store. */
    void ended(Run run, AgentResult result) {
        if (result.status() == Status.AWAITING_APPROVAL) {
            store.save(run.snapshot(RunState.Phase.AWAITING_APPROVAL, result.status().name(), result.reason(),
                    ++run.savedVersion));
        } else if (durable) {
            store.save(run.snapshot(RunState.Phase.ENDED, result.status().name(), result.reason(), ++run.savedVersion));
        } else {
            store.delete(run.runId);
        }
    }

    /**
     * Runs the calls of one step. Calls the journal already answered are replayed from it
     * (never executed twice); side-effecting calls are journalled as started before and
     * finished after they run; calls that need a person become pending approvals.
     */
    List<ToolResult> execute(Run run, List<ToolCall> calls, ToolContext context, ToolObserver observer,
                             Toolbox toolbox) {
        if (!durable && run.journal.isEmpty()) {
            List<ToolResult> results = toolbox.execute(calls, context, observer);
            if (results.stream().anyMatch(r -> r instanceof ToolResult.AwaitingApproval)) {
                for (int i = 0; i < calls.size(); i++) {
                    record(run, calls.get(i), key(context, calls.get(i), i), context.step(), results.get(i),
                            hasSideEffect(calls.get(i), toolbox));
                }
            }
            return results;
        }
        List<ToolResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            results.add(executeOne(run, calls.get(i), key(context, calls.get(i), i), context, observer, toolbox));
        }
        return results;
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
        ToolResult result = toolbox.execute(call, new ToolContext(run.runId, step, run.scope()));
        record(run, call, key, step, result, alwaysRecord || sideEffect);
        return result;
    }

    private ToolResult executeOne(Run run, ToolCall call, String key, ToolContext context, ToolObserver observer,
                                  Toolbox toolbox) {
        Optional<CallRecord> recorded = run.journal.get(key);
        observer.started(call);
        if (recorded.isPresent() && recorded.get().result().isPresent()) {
            ToolResult replayed = recorded.get().result().get();
            observer.finished(call, replayed, Duration.ZERO);
            return replayed;
        }
        long start = System.nanoTime();
        ToolResult result = run(run, call, key, context.step(), toolbox, false);
        observer.finished(call, result, Duration.ofNanos(System.nanoTime() - start));
        return result;
    }

    private void record(Run run, ToolCall call, String key, int step, ToolResult result, boolean journal) {
        if (result instanceof ToolResult.AwaitingApproval awaiting) {
            run.journal.forget(key);
            run.journal.awaiting(new PendingApproval(key, step, call, awaiting.question(), clock.instant(),
                    clock.instant().plus(approvalTimeout)));
        } else if (journal) {
            run.journal.finished(key, step, call, result);
            save(run);
        }
    }

    private static boolean hasSideEffect(ToolCall call, Toolbox toolbox) {
        return toolbox.find(call.name()).map(Tool::sideEffect).orElse(SideEffect.READ_ONLY) != SideEffect.READ_ONLY;
    }

    /** The call's idempotency key, as the toolbox derives it. */
    static String key(ToolContext context, ToolCall call, int index) {
        return context.forCall(call, index).idempotencyKey();
    }
}
