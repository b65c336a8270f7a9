package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.ResumableAgent;
import dev.praxis.state.CheckpointException;
import dev.praxis.tool.ApprovalDecision;

import java.util.Map;

/**
 * A team that can be resumed as a whole: {@link Sequence}, {@link Parallel} and {@link Loop}.
 * With {@code checkpoints(store)} the team saves its progress (each member run started and
 * finished, with its result; what the team spent; the attached {@link Blackboard}) whenever it
 * changes. Resuming replays finished member runs from the checkpoint without running them
 * again, continues the member that was under way from its own checkpoint (give members the
 * same store, so their side effects are journalled too), and goes on from there. A member
 * waiting for a person makes the whole team wait: {@code resume(teamRunId, decision)} passes
 * the decision to that member.
 *
 * <pre>{@code
 * Sequence desk = Sequence.of("desk", Member.of("plan", planner), Member.of("pay", payer))
 *         .withCheckpoints(store).withBlackboard(board);
 * AgentResult paused = desk.run("Pay invoice 42");                  // AWAITING_APPROVAL inside "pay"
 * AgentResult done = desk.resume(paused.runId(), ApprovalDecision.allow());
 * }</pre>
 */
public interface DurableTeam extends Team, ResumableAgent {

    /**
     * Continues team run {@code runId} and reports each member's part; {@code resumption} says
     * how the member under way continues.
     *
     * @throws CheckpointException if no checkpoint of {@code runId} can be found
     */
    TeamResult resumeTeam(String runId, Resumption resumption);

    @Override
    default AgentResult resume(String runId) {
        return resumeTeam(runId, Resumption.afterCrash()).result();
    }

    @Override
    default AgentResult resume(String runId, ApprovalDecision decision) {
        return resumeTeam(runId, Resumption.with(decision)).result();
    }

    @Override
    default AgentResult resume(String runId, Map<String, ApprovalDecision> decisions) {
        return resumeTeam(runId, Resumption.with(decisions)).result();
    }
}
