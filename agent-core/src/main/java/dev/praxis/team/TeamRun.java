package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.ResumableAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Step;
import dev.praxis.agent.Usage;
import dev.praxis.knowledge.Passage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.Delegation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The ledger of one team run: what every member spent, checked against the team's budget,
 * and the journal of member runs (started, finished with a result) that lets a durable team
 * replay finished members and resume the one under way. Member runs are keyed by the member's
 * name and how often it ran before in this team run ({@code writer.2}), which is the same when
 * the team's flow is replayed. Thread-safe, because parallel branches and supervisor tools
 * charge it concurrently.
 */
final class TeamRun {

    final String runId;
    private final Budget budget;
    private final Clock clock;
    private final Instant startedAt;
    private final AgentRequest request;
    private final TeamCheckpoints checkpoints;
    private final Resumption resumption;
    private final List<MemberRun> members = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, MemberCall> calls = new LinkedHashMap<>();
    private final Map<String, Integer> invocations = new HashMap<>();
    // provenance: the untrusted sources of everything this team run has handed on so far
    private final Set<String> untrusted = new TreeSet<>();
    private int stepsUsed;
    private Usage usage = Usage.ZERO;
    /** The version of the last checkpoint of this run. */
    long savedVersion;

    /** A run of a team whose own budget is {@code teamBudget}; a budget in the request can only tighten it. */
    TeamRun(AgentRequest request, Budget teamBudget, Clock clock) {
        this(request, teamBudget, clock, TeamCheckpoints.NONE);
    }

    /** A new run whose progress is saved to {@code checkpoints}. */
    TeamRun(AgentRequest request, Budget teamBudget, Clock clock, TeamCheckpoints checkpoints) {
        this.runId = request.runId().orElseGet(() -> UUID.randomUUID().toString());
        this.request = request;
        this.budget = request.budget().map(b -> Budgets.min(b, teamBudget)).orElse(teamBudget);
        this.clock = clock;
        this.startedAt = clock.instant();
        this.checkpoints = checkpoints;
        this.resumption = Resumption.afterCrash();
        this.untrusted.addAll(request.delegation().untrusted());
    }

    /** A run continued from {@code progress}, continuing the member under way with {@code how}. */
    TeamRun(TeamState.Restored progress, Clock clock, TeamCheckpoints checkpoints, Resumption how) {
        this.runId = progress.runId();
        this.request = progress.request();
        this.budget = progress.budget();
        this.clock = clock;
        this.startedAt = clock.instant().minusMillis(progress.elapsedMillis());
        this.checkpoints = checkpoints;
        this.resumption = how;
        this.members.addAll(progress.members());
        this.steps.addAll(progress.steps());
        progress.calls().forEach(c -> calls.put(c.key(), c));
        this.stepsUsed = progress.stepsUsed();
        this.usage = progress.usage();
        this.savedVersion = progress.version();
        this.untrusted.addAll(progress.untrusted());
    }

    /**
     * One member run in the journal.
     *
     * @param key    the member's name and how often it ran before, e.g. {@code writer.2}
     * @param member the member's name
     * @param runId  the id of the member's own run (its checkpoint, when it has a store)
     * @param result how it ended, once it ended; empty while under way or waiting for a person
     */
    record MemberCall(String key, String member, String runId, Optional<AgentResult> result) {
    }

    AgentRequest request() {
        return request;
    }

    /** The team limit that is used up, if any. */
    synchronized Optional<String> exhausted() {
        if (stepsUsed >= budget.maxSteps()) {
            return Optional.of("team step budget exhausted: " + stepsUsed + " of " + budget.maxSteps() + " steps used");
        }
        if (usage.totalTokens() >= budget.maxTokens()) {
            return Optional.of("team token budget exhausted: " + usage.totalTokens() + " of " + budget.maxTokens()
                    + " tokens used");
        }
        if (usage.cost().compareTo(budget.maxCost()) >= 0) {
            return Optional.of("team cost budget exhausted: " + usage.cost().toPlainString() + " of "
                    + budget.maxCost().toPlainString() + " spent");
        }
        Duration elapsed = Duration.between(startedAt, clock.instant());
        if (elapsed.compareTo(budget.maxTime()) >= 0) {
            return Optional.of("team time budget exhausted: " + elapsed.toMillis() + " ms of "
                    + budget.maxTime().toMillis() + " ms elapsed");
        }
        return Optional.empty();
    }

    /**
     * Runs {@code member} on {@code input} within its own budget and what is left of the
     * team's, records what it spent, and returns its result. When the team budget is already
     * used up the member does not run and the result says so. The member is started carrying
     * the {@linkplain #untrusted() untrusted sources} of the team run so far, so it is gated like
     * the runs whose answers may have made its input.
     */
    AgentResult runMember(Member member, String input) {
        return runMember(member, input, grant(member, 1), untrusted());
    }

    /**
     * Runs {@code member} within {@code granted}, a budget taken earlier with {@link #grant},
     * carrying {@code carried}: the sources of untrusted content its input may come from.
     */
    AgentResult runMember(Member member, String input, Budget granted, Set<String> carried) {
        return runMember(member, input, granted, request.scope().map(s -> s.withAgent(member.name())).orElse(null),
                carrying(request.delegation(), carried));
    }

    /** Runs {@code member} in the conversation {@code scope}, shared with other members. */
    AgentResult runMember(Member member, String input, MemoryScope scope) {
        return runMember(member, input, grant(member, 1), scope, carrying(request.delegation(), untrusted()));
    }

    /**
     * Runs {@code member} for a tool call of the team's own agent, as delegated by {@code callers},
     * carrying the team run's untrusted sources too (the calling model read the earlier members'
     * answers, which its own context may not mark).
     */
    AgentResult runDelegated(Member member, String input, Delegation callers) {
        return runMember(member, input, grant(member, 1),
                request.scope().map(s -> s.withAgent(member.name())).orElse(null), carrying(callers, untrusted()));
    }

    /**
     * Where untrusted content that reached this team run came from: what its request carried in
     * and the provenance of every member result so far; sorted.
     */
    synchronized Set<String> untrusted() {
        return Set.copyOf(new TreeSet<>(untrusted));
    }

    private static Delegation carrying(Delegation callers, Set<String> sources) {
        return sources.isEmpty() ? callers : callers.withUntrusted(sources);
    }

    /** Adds {@code sources} to the team run's provenance. */
    synchronized void taint(Set<String> sources) {
        untrusted.addAll(sources);
    }

    private AgentResult runMember(Member member, String input, Budget granted, MemoryScope scope,
                                  Delegation callers) {
        String key = nextKey(member.name());
        MemberCall earlier = call(key);
        if (earlier != null && earlier.result().isPresent()) {
            taint(earlier.result().get().untrusted());
            return earlier.result().get(); // finished before the team stopped: already charged
        }
        if (earlier == null) {
            Optional<String> exhausted = exhausted();
            if (exhausted.isPresent()) {
                return new AgentResult(runId, Status.BUDGET_EXHAUSTED, "", List.of(), Usage.ZERO,
                        exhausted.get() + "; member '" + member.name() + "' did not run");
            }
            earlier = new MemberCall(key, member.name(), runId + "." + key, Optional.empty());
            journal(earlier);
        }
        AgentRequest memberRequest = AgentRequest.of(input).withBudget(granted).withRunId(earlier.runId())
                .delegatedBy(callers);
        if (scope != null) {
            memberRequest = memberRequest.inSession(scope);
        } else if (request.owner().isPresent()) {
            memberRequest = memberRequest.onBehalfOf(request.owner().get());
        }
        TeamResult outcome = invoke(member, memberRequest);
        taint(outcome.result().untrusted());
        if (outcome.result().status() != Status.AWAITING_APPROVAL) {
            record(member.name(), outcome.result(), outcome.members());
            journal(new MemberCall(key, member.name(), earlier.runId(), Optional.of(outcome.result())));
        }
        return outcome.result();
    }

    /** Runs the member, or continues its run when a checkpoint of it exists. */
    private TeamResult invoke(Member member, AgentRequest memberRequest) {
        String memberRunId = memberRequest.runId().orElseThrow();
        try {
            if (member.agent() instanceof DurableTeam team && team.hasRun(memberRunId)) {
                return team.resumeTeam(memberRunId, resumption);
            }
            if (member.agent() instanceof ResumableAgent agent && agent.hasRun(memberRunId)) {
                return new TeamResult(resumption.resume(agent, memberRunId), List.of());
            }
            if (member.agent() instanceof Team team) {
                return team.runTeam(memberRequest);
            }
            return new TeamResult(member.agent().run(memberRequest), List.of());
        } catch (RuntimeException e) {
            // an Agent must not throw; record the broken contract as a failed member run
            return new TeamResult(new AgentResult(runId, Status.FAILED, "", List.of(), Usage.ZERO,
                    "member '" + member.name() + "' threw instead of returning a result: " + e), List.of());
        }
    }

    private synchronized String nextKey(String member) {
        return member + "." + invocations.merge(member, 1, Integer::sum);
    }

    private synchronized MemberCall call(String key) {
        return calls.get(key);
    }

    private void journal(MemberCall call) {
        synchronized (this) {
            calls.put(call.key(), call);
        }
        checkpoints.save(this);
    }

    /** The journal of member runs, in the order they started. */
    synchronized List<MemberCall> calls() {
        return List.copyOf(calls.values());
    }

    /** This run's progress, for a checkpoint. */
    synchronized TeamState.Progress progress() {
        return new TeamState.Progress(List.copyOf(members), List.copyOf(steps), List.copyOf(calls.values()),
                stepsUsed, usage, Duration.between(startedAt, clock.instant()).toMillis(), Set.copyOf(untrusted));
    }

    /** Charges spending that is not a member run, such as a supervisor's own model calls. */
    synchronized void charge(int stepCount, Usage spent) {
        stepsUsed += stepCount;
        usage = usage.plus(spent);
    }

    /** Records a finished run of {@code name} and charges what it spent. */
    void record(String name, AgentResult result, List<MemberRun> nested) {
        synchronized (this) {
            charge(result.steps().size(), result.usage());
            note(name, result, nested);
        }
    }

    /** Records a run whose model calls were already charged one by one through {@link #charge}. */
    synchronized void recordCharged(String name, AgentResult result) {
        untrusted.addAll(result.untrusted());
        note(name, result, List.of());
    }

    private void note(String name, AgentResult result, List<MemberRun> nested) {
        members.add(new MemberRun(name, result.status(), result.steps().size(), result.usage(), nested));
        for (Step step : result.steps()) {
            steps.add(new Step(steps.size() + 1, step.response(), step.calls(), step.results(), step.usage(),
                    step.duration()));
        }
    }

    /** The team's budget after the request's own limit was applied. */
    Budget budget() {
        return budget;
    }

    /** The budget for a member now: its own, cut to {@code 1/share} of what the team has left (steps, tokens, time, cost). */
    synchronized Budget grant(Member member, int share) {
        int steps = Math.max(1, (budget.maxSteps() - stepsUsed) / share);
        long tokens = Math.max(1, (budget.maxTokens() - usage.totalTokens()) / share);
        Duration time = budget.maxTime().minus(Duration.between(startedAt, clock.instant()));
        Budget left = new Budget(steps, tokens, time.isNegative() || time.isZero() ? Duration.ofMillis(1) : time,
                Budgets.costLeft(budget.maxCost(), usage.cost(), share));
        return member.ownBudget().map(own -> Budgets.min(own, left)).orElse(left);
    }

    /** Ends the team run with {@code status}. */
    synchronized TeamResult finish(Status status, String output, String reason) {
        return finish(status, output, reason, List.of());
    }

    /**
     * Ends the team run with {@code status}, citing {@code citations} (those of the member whose
     * answer is the output); the result carries the team run's {@linkplain #untrusted() provenance}.
     */
    synchronized TeamResult finish(Status status, String output, String reason, List<Passage> citations) {
        return new TeamResult(new AgentResult(runId, status, output, steps, usage, reason, citations,
                new TreeSet<>(untrusted)), members);
    }

    /** Ends the team run with the completed answer of a member: its output and citations. */
    TeamResult answeredBy(AgentResult result, String reason) {
        return finish(Status.COMPLETED, result.output(), reason, result.citations());
    }

    /** Ends the team run with the outcome of a member that did not complete. */
    TeamResult failedBy(String member, AgentResult result) {
        return finish(result.status(), result.output(), "member '" + member + "' ended " + result.status()
                + ": " + result.reason(), result.citations());
    }
}
