package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.state.PendingApproval;

import java.util.List;

/**
 * What {@link Sequence}, {@link Parallel} and {@link Loop} share: every run and resume goes
 * through the team's {@link TeamCheckpoints}, which calls back {@link #play} with the run to
 * carry on. Subclasses say only how they play.
 */
abstract class CheckpointedTeam extends ConfiguredTeam implements DurableTeam {

    private final TeamCheckpoints checkpoints;

    /** A team of {@code members} (all of them, for checkpoints: branches, aggregators, critics). */
    CheckpointedTeam(TeamSetup setup, List<Member> members) {
        super(setup);
        this.checkpoints = setup.checkpoints(members);
    }

    /** Plays (or, resumed, replays and continues) the team's members for {@code run}. */
    abstract TeamResult play(TeamRun run);

    @Override
    public final TeamResult runTeam(AgentRequest request) {
        return checkpoints.run(request, setup.budget(), this::play);
    }

    @Override
    public final TeamResult resumeTeam(String runId, Resumption resumption) {
        return checkpoints.resume(runId, resumption, this::play);
    }

    @Override
    public final List<PendingApproval> pendingApprovals(String runId) {
        return checkpoints.pendingApprovals(runId);
    }

    @Override
    public final boolean hasRun(String runId) {
        return checkpoints.hasRun(runId);
    }

    @Override
    public final long forget(String tenant, String user) {
        return checkpoints.forget(tenant, user);
    }
}
