package dev.praxis.team;

import dev.praxis.agent.Budget;

import java.math.BigDecimal;
import java.math.MathContext;

/** Arithmetic on budgets for teams. */
final class Budgets {

    private Budgets() {
    }

    /** The smallest cost limit a grant can carry: a positive stand-in for "nothing left". */
    private static final BigDecimal LEAST_COST = BigDecimal.ONE.movePointLeft(12);

    /** The tighter of two budgets, limit by limit, cost included. */
    static Budget min(Budget a, Budget b) {
        return new Budget(Math.min(a.maxSteps(), b.maxSteps()), Math.min(a.maxTokens(), b.maxTokens()),
                a.maxTime().compareTo(b.maxTime()) <= 0 ? a.maxTime() : b.maxTime(), a.maxCost().min(b.maxCost()),
                Math.min(a.maxToolCalls(), b.maxToolCalls()));
    }

    /**
     * A {@code 1/share} part of the money left of {@code limit} after {@code spent}; no limit stays
     * no limit. Never zero, since a budget's limits are positive: with nothing left it is a tiny
     * amount that the member's first priced call uses up.
     */
    static BigDecimal costLeft(BigDecimal limit, BigDecimal spent, int share) {
        if (limit.compareTo(Budget.NO_COST_LIMIT) >= 0) {
            return Budget.NO_COST_LIMIT;
        }
        BigDecimal left = limit.subtract(spent).divide(BigDecimal.valueOf(share), MathContext.DECIMAL64);
        return left.max(LEAST_COST).stripTrailingZeros();
    }
}
