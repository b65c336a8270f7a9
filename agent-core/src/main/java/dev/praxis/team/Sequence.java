package dev.praxis.team;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;

import dev.praxis.state.CheckpointStore;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A service chain: each member's output is the next member's input, and the last member's
 * output is the team's. The chain stops at the first member that does not complete, and the
 * team ends with that member's status.
 *
 * <pre>{@code
 * Team chain = Sequence.of("report", Member.of("research", researcher), Member.of("write", writer));
 * AgentResult result = chain.run("Summarise this quarter's incidents");
 * }</pre>
 */
public final class Sequence extends CheckpointedTeam {

    private final List<Member> members;

    private Sequence(TeamSetup setup, List<Member> members) {
        super(setup, members);
        this.members = members;
    }

    /** A chain of {@code members} with the default team budget. */
    public static Sequence of(String name, Member... members) {
        return new Sequence(TeamSetup.named(name), requireUniqueNames(List.of(members)));
    }

    /** This chain with a budget for all members together. */
    public Sequence withBudget(Budget teamBudget) {
        return new Sequence(setup.withBudget(teamBudget), members);
    }

    /** This chain with another clock for its time budget. */
    public Sequence withClock(Clock newClock) {
        return new Sequence(setup.withClock(newClock), members);
    }

    /**
     * This chain, saving its progress to {@code checkpoints} so it can be resumed as a whole
     * (see {@link DurableTeam}).
     */
    public Sequence withCheckpoints(CheckpointStore checkpoints) {
        return new Sequence(setup.withStore(checkpoints), members);
    }

    /** This chain, saving {@code blackboard} (which its members share) with its progress and restoring it on resume. */
    public Sequence withBlackboard(Blackboard blackboard) {
        return new Sequence(setup.withBoard(blackboard), members);
    }

    @Override
    TeamResult play(TeamRun run) {
        String input = run.request().input();
        AgentResult last = null;
        for (Member member : members) {
            // the member carries the provenance of the answers before it (TeamRun.runMember)
            last = run.runMember(member, input);
            if (last.status() != Status.COMPLETED) {
                return run.failedBy(member.name(), last);
            }
            input = last.output();
        }
        return run.answeredBy(last, "final answer");
    }

    @Override
    MermaidDiagram.Ports describe(MermaidDiagram diagram) {
        String first = null;
        String previous = null;
        for (Member member : members) {
            MermaidDiagram.Ports ports = diagram.member(member);
            if (previous != null) {
                diagram.edge(previous, ports.in(), "", false);
            } else {
                first = ports.in();
            }
            previous = ports.out();
        }
        return new MermaidDiagram.Ports(first, previous);
    }

    /** Copies {@code members}, rejecting an empty list or a repeated name. */
    static List<Member> requireUniqueNames(List<Member> members) {
        List<Member> copy = List.copyOf(members);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a team needs at least one member");
        }
        Set<String> seen = new HashSet<>();
        for (Member member : copy) {
            if (!seen.add(member.name())) {
                throw new IllegalArgumentException("two members are named '" + member.name()
                        + "'; member names must be unique in a team");
            }
        }
        return copy;
    }
}
