package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Usage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a team run ended, with each member's part.
 *
 * @param result  the team's result as an {@link dev.praxis.agent.Agent} (steps of all members,
 *                renumbered in the order they finished; usage summed)
 * @param members every member run, in the order they finished (a member that ran twice, as in
 *                a loop, appears twice)
 */
public record TeamResult(AgentResult result, List<MemberRun> members) {

    /** Copies the member runs and rejects nulls. */
    public TeamResult {
        Objects.requireNonNull(result, "result");
        members = List.copyOf(members);
    }

    /** Totals per member name, in order of first appearance. */
    public Map<String, Totals> byMember() {
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (MemberRun run : members) {
            totals.merge(run.member(), new Totals(1, run.steps(), run.usage()), Totals::plus);
        }
        return totals;
    }

    /**
     * What one member spent over all its runs in a team run.
     *
     * @param runs  how many times the member ran
     * @param steps model calls in all those runs
     * @param usage tokens in all those runs
     */
    public record Totals(int runs, int steps, Usage usage) {

        /** The sum of this and {@code other}. */
        public Totals plus(Totals other) {
            return new Totals(runs + other.runs, steps + other.steps, usage.plus(other.usage));
        }
    }
}
