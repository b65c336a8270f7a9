package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.ResumableAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.state.RunState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A durable team's collaborator for checkpoints: it starts and resumes team runs, saves their
 * progress whenever a member run starts or ends and whenever the attached blackboard changes,
 * and records how they end. Without a durable store it keeps only runs paused for approval,
 * in this process (like {@link dev.praxis.agent.LlmAgent}). Thread-safe.
 */
final class TeamCheckpoints {

    /** For teams that are not resumable: saves nothing. */
    static final TeamCheckpoints NONE = new TeamCheckpoints("", null, null, List.of(), Clock.systemUTC());

    private final String team;
    private final CheckpointStore store;
    private final boolean durable;
    private final Blackboard board;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Clock clock;
    private final Set<TeamRun> active = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /** Checkpoints of team {@code team} into {@code durableStore} (null: in this process only). */
    TeamCheckpoints(String team, CheckpointStore durableStore, Blackboard board, List<Member> members, Clock clock) {
        this.team = team;
        this.store = durableStore != null ? durableStore : new InMemoryCheckpointStore();
        this.durable = durableStore != null;
        this.board = board;
        members.forEach(m -> this.members.put(m.name(), m));
        this.clock = clock;
    }

    /** Runs {@code play} as a new team run of {@code request} within {@code budget}. */
    TeamResult run(AgentRequest request, Budget budget, Function<TeamRun, TeamResult> play) {
        TeamRun run = new TeamRun(request, budget, clock, this);
        begin(run);
        save(run);
        return end(run, play.apply(run));
    }

    /**
     * Continues team run {@code runId} by replaying {@code play} over its journal; an ended run
     * returns how it ended.
     */
    TeamResult resume(String runId, Resumption how, Function<TeamRun, TeamResult> play) {
        RunState state = load(runId);
        if (state.phase() == RunState.Phase.ENDED) {
            return TeamState.ended(state);
        }
        if (board != null) {
            TeamState.board(state).ifPresent(board::restore);
        }
        TeamRun run = new TeamRun(TeamState.restore(state), clock, this, how);
        begin(run);
        return end(run, play.apply(run));
    }

    /** Erases the user's team runs kept in this process (none with a durable store, which is forgotten on its own). */
    long forget(String tenant, String user) {
        return durable ? 0 : store.forget(tenant, user);
    }

    /** Whether a checkpoint of {@code runId} is stored. */
    boolean hasRun(String runId) {
        return store.load(runId).isPresent();
    }

    /** The calls the members under way in {@code runId} wait for. */
    List<PendingApproval> pendingApprovals(String runId) {
        TeamState.Restored progress = TeamState.restore(load(runId));
        List<PendingApproval> waiting = new ArrayList<>();
        for (TeamRun.MemberCall call : progress.calls()) {
            Member member = members.get(call.member());
            if (call.result().isEmpty() && member != null && member.agent() instanceof ResumableAgent agent
                    && agent.hasRun(call.runId())) {
                waiting.addAll(agent.pendingApprovals(call.runId()));
            }
        }
        return waiting;
    }

    /** Saves {@code run} as going on (durable stores only). */
    void save(TeamRun run) {
        if (durable) {
            write(run, RunState.Phase.RUNNING, new AgentResult(run.runId, Status.COMPLETED, "", List.of(),
                    Usage.ZERO, ""));
        }
    }

    private TeamResult end(TeamRun run, TeamResult result) {
        active.remove(run);
        if (result.result().status() == Status.AWAITING_APPROVAL) {
            write(run, RunState.Phase.AWAITING_APPROVAL, result.result());
        } else if (durable) {
            write(run, RunState.Phase.ENDED, result.result());
        } else {
            store.delete(run.runId);
        }
        return result;
    }

    private void begin(TeamRun run) {
        active.add(run);
        if (board != null && durable && subscribed.compareAndSet(false, true)) {
            // a write is saved before the writing tool returns, so a member's journal never
            // holds a finished write that the team's checkpoint lacks
            board.subscribe(write -> active.forEach(this::save));
        }
    }

    private void write(TeamRun run, RunState.Phase phase, AgentResult outcome) {
        synchronized (run) {
            run.savedVersion++;
            store.save(TeamState.of(team, run, phase, outcome, Optional.ofNullable(board), clock.instant()));
        }
    }

    private RunState load(String runId) {
        return store.load(runId).orElseThrow(() -> new CheckpointException("team '" + team + "' has no checkpoint for"
                + " run " + runId + (durable ? "" : "; without checkpoints(store) only runs paused for approval"
                + " in this process can be resumed")));
    }
}
