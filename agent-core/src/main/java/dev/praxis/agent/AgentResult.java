package dev.praxis.agent;

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
 * @param reason why the run ended, in words for a person ({@code "final answer"} on success)
 */
public record AgentResult(String runId, Status status, String output, List<Step> steps, Usage usage, String reason) {

    /** Copies the steps and rejects nulls. */
    public AgentResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        steps = List.copyOf(steps);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the run produced a final answer. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }
}
