package dev.praxis.distributed;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.Budget;
import dev.praxis.memory.MemoryScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * @param attachments parts attached to the input (images, audio, video, PDFs,
 *                {@link dev.praxis.content.EmbeddedResource}s), as {@link AgentRequest#attach}; on the
 *                wire their inline bytes are capped at 700 KiB per request (Kafka's record limit), so
 *                larger files go by URL
 */
public record RunRequest(String agent, MemoryScope session, String input, Optional<Budget> budget,
                         List<Content> attachments) {

    /** Rejects nulls, a blank agent name and text among the attachments (text belongs in the input). */
    public RunRequest {
        Objects.requireNonNull(agent, "agent");
        if (agent.isBlank()) {
            throw new IllegalArgumentException("a run request needs the name of an agent, got a blank one");
        }
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(budget, "budget");
        attachments = List.copyOf(attachments);
        if (attachments.stream().anyMatch(TextContent.class::isInstance)) {
            throw new IllegalArgumentException("text goes into the request's input, not its attachments");
        }
    }

    /** A request without attachments. */
    public RunRequest(String agent, MemoryScope session, String input, Optional<Budget> budget) {
        this(agent, session, input, budget, List.of());
    }

    /** A request with the agent's default budget and no attachments. */
    public RunRequest(String agent, MemoryScope session, String input) {
        this(agent, session, input, Optional.empty());
    }

    /** This request with its own budget. */
    public RunRequest withBudget(Budget newBudget) {
        return new RunRequest(agent, session, input, Optional.of(newBudget), attachments);
    }

    /** This request with {@code parts} attached after any attached before; see {@link AgentRequest#attach}. */
    public RunRequest attach(Content... parts) {
        List<Content> all = new ArrayList<>(attachments);
        all.addAll(Arrays.asList(parts));
        return new RunRequest(agent, session, input, budget, all);
    }

    /** The request as the agent sees it, under {@code runId}. */
    AgentRequest toAgentRequest(String runId) {
        AgentRequest request = AgentRequest.of(input).inSession(session).withRunId(runId)
                .attach(attachments.toArray(Content[]::new));
        return budget.map(request::withBudget).orElse(request);
    }
}
