package dev.praxis.agent;

import dev.praxis.state.CallRecord;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolObserver;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loop's durability collaborator, called at fixed points: after the run starts, before
 * and after each side-effecting tool call, after each step and at the end. With a store it
 * writes the run's state each time, and runs the calls of a step one by one so each
 * side effect is journalled before and after; without one it does nothing and lets the
 * toolbox run the step's calls as it likes.
 */
final class Checkpoints {

    private final Optional<CheckpointStore> store;

    Checkpoints(Optional<CheckpointStore> store) {
        this.store = store;
    }

    Optional<CheckpointStore> store() {
        return store;
    }

    /** Saves the run as going on. */
    void save(Run run) {
        store.ifPresent(s -> s.save(run.snapshot(RunState.Phase.RUNNING, "", "", ++run.savedVersion)));
    }

    /** Saves the run as ended with {@code result}. */
    void ended(Run run, AgentResult result) {
        store.ifPresent(s -> s.save(run.snapshot(RunState.Phase.ENDED, result.status().name(), result.reason(),
                ++run.savedVersion)));
    }

    /**
     * Runs the calls of one step. Calls the journal already has are answered from it (a
     * finished call's recorded result; never a second execution); side-effecting calls are
     * journalled as started before and finished after they run.
     */
    List<ToolResult> execute(Run run, List<ToolCall> calls, ToolContext context, ToolObserver observer,
                             Toolbox toolbox) {
        if (store.isEmpty() && run.journal.isEmpty()) {
            return toolbox.execute(calls, context, observer);
        }
        List<ToolResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            results.add(executeOne(run, calls.get(i), key(context, calls.get(i), i), context, observer, toolbox));
        }
        return results;
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
        boolean sideEffect = toolbox.find(call.name()).map(Tool::sideEffect).orElse(SideEffect.READ_ONLY)
                != SideEffect.READ_ONLY;
        if (sideEffect) {
            run.journal.started(key, context.step(), call);
            save(run);
        }
        long start = System.nanoTime();
        ToolResult result = toolbox.execute(call, context);
        observer.finished(call, result, Duration.ofNanos(System.nanoTime() - start));
        if (sideEffect) {
            run.journal.finished(key, context.step(), call, result);
            save(run);
        }
        return result;
    }

    /** The call's idempotency key: {@code runId/step/callId}, or the position for a call without id. */
    static String key(ToolContext context, ToolCall call, int index) {
        return context.runId() + "/" + context.step() + "/" + (call.id().isBlank() ? "#" + index : call.id());
    }
}
