package dev.praxis.team;

import dev.praxis.agent.Budget;

import java.time.Clock;

/**
 * What the builders of {@link Parallel}, {@link Handoff} and {@link Supervisor} share: the
 * team's name, budget and clock. Not thread-safe.
 *
 * @param <B> the builder itself, returned by each setter
 */
abstract class TeamBuilder<B extends TeamBuilder<B>> {

    TeamSetup setup;

    TeamBuilder(String name) {
        this.setup = TeamSetup.named(name);
    }

    /** The budget for the whole team: every member run, and the team's own model calls, together. */
    public B budget(Budget teamBudget) {
        setup = setup.withBudget(teamBudget);
        return self();
    }

    /** The clock for the time budget. */
    public B clock(Clock teamClock) {
        setup = setup.withClock(teamClock);
        return self();
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }
}
