package dev.praxis.agent;

import dev.praxis.state.RunState;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ToolCall;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an {@link LlmAgent} continues a run from its checkpoint: an ended run answers how it
 * ended; otherwise in-flight calls are reported as interrupted, the person's decisions are
 * applied, and the loop goes on from the pending turn or the next step. Holds the agent's
 * immutable collaborators only; thread-safe.
 */
final class Resumption {

    private final AgentSettings settings;
    private final Assembly parts;

    Resumption(AgentSettings settings, Assembly parts) {
        this.settings = settings;
        this.parts = parts;
    }

    /**
     * Continues {@code runId}, deciding pending calls by idempotency key with {@code decisions}
     * (null: the call stays pending).
     *
     * @throws dev.praxis.state.CheckpointException if no checkpoint of {@code runId} can be found
     */
    AgentResult resume(String runId, Function<String, ApprovalDecision> decisions) {
        RunState state = parts.checkpoints.load(settings.name, runId);
        Run run = new Run(state, settings.memory, parts.systemMessage(parts.systemPrompt), parts.listener, settings.clock,
                settings.maxDelegationDepth, parts.grounding);
        if (state.phase() == RunState.Phase.ENDED) {
            run.open(); // writes its last turn to memory if the process stopped before it did
            return run.result(Status.valueOf(state.outcome()), state.reason());
        }
        return parts.loop.loop(run, () -> {
            List<ToolCall> inFlight = run.journal.interruptInFlight();
            parts.listener.on(new AgentEvent.Resumed(run.runId, settings.name, run.nextStep(), inFlight));
            run.open();
            parts.grounding.prepare(run);
            parts.approvals.apply(run, decisions, parts.toolbox);
            if (run.journal.awaitingApproval()) {
                return Next.PAUSE;
            }
            return run.turnPending() ? parts.loop.act(run, run.pendingResponse(), run.pendingSpent()) : Next.CONTINUE;
        });
    }
}
