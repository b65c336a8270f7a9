package dev.praxis.team;

import dev.praxis.agent.Budget;

/** Arithmetic on budgets for teams. */
final class Budgets {

    private Budgets() {
    }

    /** The tighter of two budgets, limit by limit. */
    static Budget min(Budget a, Budget b) {
        return new Budget(Math.min(a.maxSteps(), b.maxSteps()), Math.min(a.maxTokens(), b.maxTokens()),
                a.maxTime().compareTo(b.maxTime()) <= 0 ? a.maxTime() : b.maxTime());
    }
}
