package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.Budget;
import dev.praxis.state.CheckpointStore;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What every team is configured with besides its members: its name, the budget all its members
 * share, the clock that times it and, for durable teams, the store its progress is saved to and
 * the blackboard saved with it (both null when not set).
 */
record TeamSetup(String name, Budget budget, Clock clock, CheckpointStore store, Blackboard board) {

    TeamSetup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(budget, "teamBudget");
        Objects.requireNonNull(clock, "teamClock");
    }

    /** A team called {@code name} with the default budget, the system clock, nothing saved. */
    static TeamSetup named(String name) {
        return new TeamSetup(name, Budget.DEFAULT, Clock.systemUTC(), null, null);
    }

    TeamSetup withBudget(Budget teamBudget) {
        return new TeamSetup(name, teamBudget, clock, store, board);
    }

    TeamSetup withClock(Clock teamClock) {
        return new TeamSetup(name, budget, teamClock, store, board);
    }

    TeamSetup withStore(CheckpointStore checkpoints) {
        return new TeamSetup(name, budget, clock, Objects.requireNonNull(checkpoints, "checkpoints"), board);
    }

    TeamSetup withBoard(Blackboard blackboard) {
        return new TeamSetup(name, budget, clock, store, Objects.requireNonNull(blackboard, "blackboard"));
    }

    /** A run of a team that is not resumable. */
    TeamRun newRun(AgentRequest request) {
        return new TeamRun(request, budget, clock);
    }

    /** The checkpoints of a durable team of {@code members}. */
    TeamCheckpoints checkpoints(List<Member> members) {
        return new TeamCheckpoints(name, store, board, members, clock);
    }
}
