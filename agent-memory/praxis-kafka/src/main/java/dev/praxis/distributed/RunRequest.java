package dev.praxis.distributed;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.Budget;
import dev.praxis.memory.MemoryScope;

import java.util.Objects;
import java.util.Optional;

/**
 * A run for a worker to execute: which agent, in which session, with what input and budget.
 * The record goes to the requests topic keyed by {@code session.key()}, so the runs of one
 * session stay in order on one partition.
 *
 * <pre>{@code
 * String runId = client.submit(new RunRequest("support", MemoryScope.of("alice", "chat-42"), "Where is my order?"));
 * }</pre>
 *
 * @param agent   the name of an agent the workers serve
 * @param session the conversation the run belongs to
 * @param input   the user's input
 * @param budget  the run's budget, or empty for the agent's default
 */
public record RunRequest(String agent, MemoryScope session, String input, Optional<Budget> budget) {

    /** Rejects nulls and a blank agent name. */
    public RunRequest {
        Objects.requireNonNull(agent, "agent");
        if (agent.isBlank()) {
            throw new IllegalArgumentException("a run request needs the name of an agent, got a blank one");
        }
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(budget, "budget");
    }

    /** A request with the agent's default budget. */
    public RunRequest(String agent, MemoryScope session, String input) {
        this(agent, session, input, Optional.empty());
    }

    /** This request with its own budget. */
    public RunRequest withBudget(Budget newBudget) {
        return new RunRequest(agent, session, input, Optional.of(newBudget));
    }

    /** The request as the agent sees it, under {@code runId}. */
    AgentRequest toAgentRequest(String runId) {
        AgentRequest request = AgentRequest.of(input).inSession(session).withRunId(runId);
        return budget.map(request::withBudget).orElse(request);
    }
}
