package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.ResumableAgent;
import dev.praxis.tool.ApprovalDecision;

import java.util.Map;
import java.util.Objects;

/**
 * How a resumed team continues the member run that was under way when the team stopped:
 * after a crash, or with a person's decision on the calls the member waits for.
 */
@FunctionalInterface
public interface Resumption {

    /** Continues {@code member}'s run {@code runId}. */
    AgentResult resume(ResumableAgent member, String runId);

    /** After a crash or restart: continue from the checkpoint. */
    static Resumption afterCrash() {
        return ResumableAgent::resume;
    }

    /** With {@code decision} for every waiting call. */
    static Resumption with(ApprovalDecision decision) {
        Objects.requireNonNull(decision, "decision");
        return (member, runId) -> member.resume(runId, decision);
    }

    /** With a decision per waiting call, by idempotency key. */
    static Resumption with(Map<String, ApprovalDecision> decisions) {
        Map<String, ApprovalDecision> copy = Map.copyOf(decisions);
        return (member, runId) -> member.resume(runId, copy);
    }
}
