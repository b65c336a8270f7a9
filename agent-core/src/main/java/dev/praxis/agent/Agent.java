package dev.praxis.agent;

/**
 * Something that takes a task and returns a result it can explain. Implementations are
 * thread-safe: one instance serves many sessions at once. {@link #run} never throws for
 * failures of the model, tools or budget; those end in a typed {@link Status}.
 */
@FunctionalInterface
public interface Agent {

    /** Runs one task to an end and returns how it ended. */
    AgentResult run(AgentRequest request);

    /** Runs a stateless task: shorthand for {@code run(AgentRequest.of(input))}. */
    default AgentResult run(String input) {
        return run(AgentRequest.of(input));
    }
}
