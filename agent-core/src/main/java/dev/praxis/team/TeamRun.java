package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;
import dev.praxis.agent.Step;
import dev.praxis.agent.Usage;
import dev.praxis.memory.MemoryScope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger of one team run: what every member spent, checked against the team's budget.
 * Thread-safe, because parallel branches and supervisor tools charge it concurrently.
 */
final class TeamRun {

    final String runId = UUID.randomUUID().toString();
    private final Budget budget;
    private final Clock clock;
    private final Instant startedAt;
    private final AgentRequest request;
    private final List<MemberRun> members = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private int stepsUsed;
    private Usage usage = Usage.ZERO;

    /** A run of a team whose own budget is {@code teamBudget}; a budget in the request can only tighten it. */
    TeamRun(AgentRequest request, Budget teamBudget, Clock clock) {
        this.request = request;
        this.budget = request.budget().map(b -> Budgets.min(b, teamBudget)).orElse(teamBudget);
        this.clock = clock;
        this.startedAt = clock.instant();
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
     * used up the member does not run and the result says so.
     */
    AgentResult runMember(Member member, String input) {
        return runMember(member, input, grant(member, 1));
    }

    /** Runs {@code member} within {@code granted}, a budget taken earlier with {@link #grant}. */
    AgentResult runMember(Member member, String input, Budget granted) {
        return runMember(member, input, granted, request.scope().map(s -> s.withAgent(member.name())).orElse(null));
    }

    /** Runs {@code member} in the conversation {@code scope}, shared with other members. */
    AgentResult runMember(Member member, String input, MemoryScope scope) {
        return runMember(member, input, grant(member, 1), scope);
    }

    private AgentResult runMember(Member member, String input, Budget granted, MemoryScope scope) {
        Optional<String> exhausted = exhausted();
        if (exhausted.isPresent()) {
            return new AgentResult(runId, Status.BUDGET_EXHAUSTED, "", List.of(), Usage.ZERO,
                    exhausted.get() + "; member '" + member.name() + "' did not run");
        }
        AgentRequest memberRequest = AgentRequest.of(input).withBudget(granted);
        if (scope != null) {
            memberRequest = memberRequest.inSession(scope);
        }
        try {
            if (member.agent() instanceof Team team) {
                TeamResult nested = team.runTeam(memberRequest);
                record(member.name(), nested.result(), nested.members());
                return nested.result();
            }
            AgentResult result = member.agent().run(memberRequest);
            record(member.name(), result, List.of());
            return result;
        } catch (RuntimeException e) {
            // an Agent must not throw; record the broken contract as a failed member run
            AgentResult failed = new AgentResult(runId, Status.FAILED, "", List.of(), Usage.ZERO,
                    "member '" + member.name() + "' threw instead of returning a result: " + e);
            record(member.name(), failed, List.of());
            return failed;
        }
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
        return new TeamResult(new AgentResult(runId, status, output, steps, usage, reason), members);
    }

    /** Ends the team run with the outcome of a member that did not complete. */
    TeamResult failedBy(String member, AgentResult result) {
        return finish(result.status(), result.output(), "member '" + member + "' ended " + result.status()
                + ": " + result.reason());
    }
}
