package dev.praxis.examples;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Agent;
import dev.praxis.memory.MemoryScope;

import java.util.Objects;

/**
 * An agent and the session it talks in, plus whatever the example started for it (servers,
 * files), released by {@link #close()}.
 */
public final class Conversation implements AutoCloseable {

    private final Agent agent;
    private final MemoryScope session;
    private final AutoCloseable resources;

    /** A conversation with {@code agent} in {@code session}; {@code resources} are closed with it. */
    public Conversation(Agent agent, MemoryScope session, AutoCloseable resources) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.session = Objects.requireNonNull(session, "session");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /** Sends one user message and returns the agent's result. */
    public AgentResult send(String message) {
        return agent.run(AgentRequest.of(message).inSession(session));
    }

    /** The agent itself, for stateless runs (evaluation). */
    public Agent agent() {
        return agent;
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
