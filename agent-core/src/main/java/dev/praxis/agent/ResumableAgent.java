package dev.praxis.agent;

import dev.praxis.memory.Forgettable;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.PendingApproval;
import dev.praxis.tool.ApprovalDecision;

import java.util.List;
import java.util.Map;

/**
 * An agent whose runs can be continued from a checkpoint: after a crash, or when a person has
 * decided on the calls a run waits for. {@link LlmAgent} and the durable teams implement it,
 * so a team can resume the member that was running rather than start it again.
 */
public interface ResumableAgent extends Agent, Forgettable {

    /**
     * Continues {@code runId} from its last checkpoint; a run waiting for approval stays
     * waiting, an ended run returns how it ended.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    AgentResult resume(String runId);

    /**
     * Continues a paused run, applying {@code decision} to every call it waits for.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    AgentResult resume(String runId, ApprovalDecision decision);

    /**
     * Continues a paused run with a decision per waiting call, by idempotency key; calls
     * without a decision stay pending.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    AgentResult resume(String runId, Map<String, ApprovalDecision> decisions);

    /**
     * The calls {@code runId} waits for, with their keys, questions and expiry.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    List<PendingApproval> pendingApprovals(String runId);

    /** Whether a checkpoint of {@code runId} is stored, so {@link #resume} can continue it. */
    boolean hasRun(String runId);

    /**
     * Erases the user's runs that this agent keeps in this process: without a durable checkpoint
     * store, the runs paused for approval. A durable store is forgotten through the store itself
     * ({@code CheckpointStore.forget}); with one, this erases nothing.
     *
     * @return the number of runs erased
     */
    @Override
    long forget(String tenant, String user);
}
