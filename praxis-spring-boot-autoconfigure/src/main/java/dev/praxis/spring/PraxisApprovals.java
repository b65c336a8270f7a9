package dev.praxis.spring;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.ResumableAgent;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.state.RunState;
import dev.praxis.tool.ApprovalDecision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runs that wait for a person, and the way to decide on them: what the approvals endpoint
 * and the Actuator endpoint show, usable directly from application code too.
 *
 * <pre>{@code
 * for (PraxisApprovals.WaitingRun run : approvals.waiting()) {
 *     AgentResult result = approvals.decide(run.runId(), ApprovalDecision.allow());
 * }
 * }</pre>
 *
 * <p>Reads the checkpoint store every agent of the starter shares. Thread-safe.
 */
public final class PraxisApprovals {

    private final CheckpointStore checkpoints;
    private final PraxisAgents agents;

    /** Approvals over {@code checkpoints}, resuming runs through the agent that started them. */
    public PraxisApprovals(CheckpointStore checkpoints, PraxisAgents agents) {
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    /**
     * A run paused until a person decides.
     *
     * @param runId   the run
     * @param agent   the name of the agent that runs it
     * @param input   what the run was asked to do
     * @param pending the calls waiting, each with the key a decision names
     */
    public record WaitingRun(String runId, String agent, String input, List<PendingApproval> pending) {

        /** Rejects nulls; copies {@code pending}. */
        public WaitingRun {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(input, "input");
            pending = List.copyOf(pending);
        }
    }

    /** Every run waiting for a decision, oldest first as the store lists them. */
    public List<WaitingRun> waiting() {
        List<WaitingRun> runs = new ArrayList<>();
        for (String runId : checkpoints.runIds(RunState.Phase.AWAITING_APPROVAL)) {
            checkpoints.load(runId).filter(s -> s.phase() == RunState.Phase.AWAITING_APPROVAL)
                    .ifPresent(s -> runs.add(new WaitingRun(s.runId(), s.agent(), s.input(), s.approvals())));
        }
        return List.copyOf(runs);
    }

    /** The run {@code runId} if it waits for a decision. */
    public Optional<WaitingRun> waiting(String runId) {
        Objects.requireNonNull(runId, "runId");
        return checkpoints.load(runId).filter(s -> s.phase() == RunState.Phase.AWAITING_APPROVAL)
                .map(s -> new WaitingRun(s.runId(), s.agent(), s.input(), s.approvals()));
    }

    /**
     * Applies {@code decision} to every call {@code runId} waits for and resumes the run on the
     * caller's thread, returning how it ended or paused again.
     *
     * @throws NotWaitingException if the run does not exist or waits for nothing
     */
    public AgentResult decide(String runId, ApprovalDecision decision) {
        Objects.requireNonNull(decision, "decision");
        return agentOf(runId).resume(runId, decision);
    }

    /**
     * Applies a decision per pending call, by key; calls without one keep waiting.
     *
     * @throws NotWaitingException if the run does not exist, waits for nothing, or a key names no
     *                             pending call
     */
    public AgentResult decide(String runId, Map<String, ApprovalDecision> decisions) {
        WaitingRun run = waiting(runId).orElseThrow(() -> NotWaitingException.noRun(runId));
        for (String key : decisions.keySet()) {
            if (run.pending().stream().noneMatch(p -> p.key().equals(key))) {
                throw new NotWaitingException("run " + runId + " has no call waiting under key '" + key + "'");
            }
        }
        return agentOf(runId).resume(runId, decisions);
    }

    private ResumableAgent agentOf(String runId) {
        WaitingRun run = waiting(runId).orElseThrow(() -> NotWaitingException.noRun(runId));
        return agents.find(run.agent()).orElseThrow(() -> new IllegalStateException("run " + runId
                + " belongs to agent '" + run.agent() + "', which is no bean of this application"));
    }

    /** Thrown when a decision names a run, or a call, that waits for none. */
    public static final class NotWaitingException extends dev.praxis.PraxisException {

        private static final long serialVersionUID = 1L;

        NotWaitingException(String message) {
            super(message);
        }

        static NotWaitingException noRun(String runId) {
            return new NotWaitingException("no run " + runId + " waits for a decision (unknown, running or ended)");
        }
    }
}
