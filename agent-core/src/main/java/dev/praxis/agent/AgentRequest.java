package dev.praxis.agent;

import dev.praxis.memory.MemoryScope;

import java.util.Objects;
import java.util.Optional;

/**
 * One task for an agent: the input, and optionally the session it belongs to and a budget
 * that replaces the agent's default. Immutable.
 *
 * <pre>{@code
 * agent.run(AgentRequest.of("And in Celsius?").inSession(MemoryScope.of("alice", "chat-42")));
 * }</pre>
 *
 * <p>Without a session the run is stateless: it reads and writes no conversation memory.
 */
public final class AgentRequest {

    private final String input;
    private final MemoryScope scope;
    private final Budget budget;

    private AgentRequest(String input, MemoryScope scope, Budget budget) {
        this.input = Objects.requireNonNull(input, "input");
        this.scope = scope;
        this.budget = budget;
    }

    /** A stateless request for {@code input} with the agent's default budget. */
    public static AgentRequest of(String input) {
        return new AgentRequest(input, null, null);
    }

    /** This request in the conversation {@code sessionScope}. */
    public AgentRequest inSession(MemoryScope sessionScope) {
        return new AgentRequest(input, Objects.requireNonNull(sessionScope, "sessionScope"), budget);
    }

    /** This request with its own budget. */
    public AgentRequest withBudget(Budget newBudget) {
        return new AgentRequest(input, scope, Objects.requireNonNull(newBudget, "newBudget"));
    }

    /** This request with {@code newInput} in place of its input (e.g. after redaction). */
    public AgentRequest withInput(String newInput) {
        return new AgentRequest(Objects.requireNonNull(newInput, "newInput"), scope, budget);
    }

    /** The user's input. */
    public String input() {
        return input;
    }

    /** The session, if the run is part of a conversation. */
    public Optional<MemoryScope> scope() {
        return Optional.ofNullable(scope);
    }

    /** The budget for this request, if it overrides the agent's default. */
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    @Override
    public String toString() {
        return "AgentRequest[scope=" + scope + ", budget=" + budget + ", input=" + input.length() + " chars]";
    }
}
