package dev.praxis.team;

import dev.praxis.agent.Agent;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agent taking part in a team, under a name that is unique in that team. The name labels
 * the member in results and diagrams and, for supervisors, is the tool name the model calls,
 * so it is restricted to 1-64 letters, digits, {@code _} or {@code -}.
 *
 * @param name        the member's name in the team
 * @param description what the member is good for; shown to a supervising model
 * @param agent       the agent (which may itself be a {@link Team})
 * @param budget      the member's own limit per run; the team's remaining budget may cut it further
 */
public record Member(String name, String description, Agent agent, Optional<Budget> budget) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Validates the name and rejects nulls. */
    public Member {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("member name '" + name
                    + "' must be 1-64 characters of letters, digits, '_' or '-'");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(budget, "budget");
    }

    /** A member without description or own budget. */
    public static Member of(String name, Agent agent) {
        return new Member(name, name, agent, Optional.empty());
    }

    /** A member with a description for a supervising model. */
    public static Member of(String name, String description, Agent agent) {
        return new Member(name, description, agent, Optional.empty());
    }

    /** This member limited to {@code limit} per run. */
    public Member withBudget(Budget limit) {
        return new Member(name, description, agent, Optional.of(limit));
    }

    /**
     * The member's own budget: the explicit one, else an {@link LlmAgent}'s default, else
     * none (a nested team, which then works within what its parent grants).
     */
    Optional<Budget> ownBudget() {
        if (budget.isPresent()) {
            return budget;
        }
        return agent instanceof LlmAgent llmAgent ? Optional.of(llmAgent.budget()) : Optional.empty();
    }
}
