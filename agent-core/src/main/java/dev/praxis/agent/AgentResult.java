package dev.praxis.agent;

import dev.praxis.knowledge.Passage;

import java.util.List;
import java.util.Objects;

/**
 * How a run ended and everything it reached.
 *
 * @param runId  the run's id, as in its events
 * @param status how it ended
 * @param output the final answer when {@link Status#COMPLETED}; otherwise the last text the
 *               model wrote, or {@code ""}
 * @param steps  every step taken, in order, including the one that ended the run
 * @param usage  tokens spent by the whole run
 * @param reason    why the run ended, in words for a person ({@code "final answer"} on success)
 * @param citations the retrieved passages the output cites by {@code [sourceId]}, in order of first
 *                  citation (see {@code LlmAgent.Builder#knowledge}); empty without retrieval
 */
public record AgentResult(String runId, Status status, String output, List<Step> steps, Usage usage, String reason,
                          List<Passage> citations) {

    /** Copies the lists and rejects nulls. */
    public AgentResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        steps = List.copyOf(steps);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(reason, "reason");
        citations = List.copyOf(citations);
    }

    /** A result without citations. */
    public AgentResult(String runId, Status status, String output, List<Step> steps, Usage usage, String reason) {
        this(runId, status, output, steps, usage, reason, List.of());
    }

    /** Whether the run produced a final answer. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }
}
