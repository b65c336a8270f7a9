package dev.praxis.agent;

import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.Delegation;

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
    private final String runId;
    private final Delegation delegation;

    private AgentRequest(String input, MemoryScope scope, Budget budget, String runId, Delegation delegation) {
        this.input = Objects.requireNonNull(input, "input");
        this.scope = scope;
        this.budget = budget;
        this.runId = runId;
        this.delegation = delegation;
    }

    /** A stateless request for {@code input} with the agent's default budget. */
    public static AgentRequest of(String input) {
        return new AgentRequest(input, null, null, null, Delegation.NONE);
    }

    /** This request in the conversation {@code sessionScope}. */
    public AgentRequest inSession(MemoryScope sessionScope) {
        return new AgentRequest(input, Objects.requireNonNull(sessionScope, "sessionScope"), budget, runId,
                delegation);
    }

    /** This request with its own budget. */
    public AgentRequest withBudget(Budget newBudget) {
        return new AgentRequest(input, scope, Objects.requireNonNull(newBudget, "newBudget"), runId, delegation);
    }

    /** This request with {@code newInput} in place of its input (e.g. after redaction). */
    public AgentRequest withInput(String newInput) {
        return new AgentRequest(Objects.requireNonNull(newInput, "newInput"), scope, budget, runId, delegation);
    }

    /**
     * This request as delegated by the agents in {@code callers} (usually
     * {@link dev.praxis.tool.ToolContext#delegation()} of the tool that starts this agent), so the
     * run counts towards their depth limit; see {@link Delegation}.
     */
    public AgentRequest delegatedBy(Delegation callers) {
        return new AgentRequest(input, scope, budget, runId, Objects.requireNonNull(callers, "callers"));
    }

    /**
     * This request with a run id chosen by the caller instead of a random one, for callers that
     * must know the id before the run starts (a queue that hands runs to workers, a team that must
     * find its member's checkpoint after a crash). The id must be
     * unique per run: a durable agent rejects a second run whose id it already has a checkpoint for.
     *
     * @throws IllegalArgumentException if {@code id} is blank, longer than 128 characters or not
     *                                  made of letters, digits, {@code .}, {@code _} and {@code -}
     */
    public AgentRequest withRunId(String id) {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("run id must be 1-128 letters, digits, '.', '_' or '-' (not starting"
                    + " with '.'), got '" + id + "'");
        }
        return new AgentRequest(input, scope, budget, id, delegation);
    }

    /** The run id the caller chose, if any; without one the agent picks a random id. */
    public Optional<String> runId() {
        return Optional.ofNullable(runId);
    }

    /** The user's input. */
    public String input() {
        return input;
    }

    /** The session, if the run is part of a conversation. */
    public Optional<MemoryScope> scope() {
        return Optional.ofNullable(scope);
    }

    /** The agents that delegated this request; {@link Delegation#NONE} for a top-level request. */
    public Delegation delegation() {
        return delegation;
    }

    /** The budget for this request, if it overrides the agent's default. */
    public Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    @Override
    public String toString() {
        return "AgentRequest[scope=" + scope + ", budget=" + budget + ", delegation=" + delegation + ", input="
                + input.length() + " chars]";
    }
}
