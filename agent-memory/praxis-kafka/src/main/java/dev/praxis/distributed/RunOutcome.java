package dev.praxis.distributed;

import dev.praxis.agent.Status;
import dev.praxis.knowledge.Passage;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a distributed run ended or paused, as published on the results topic (keyed by run id).
 * A run paused for approval publishes an outcome with {@link Status#AWAITING_APPROVAL} and its
 * {@link #pending()} calls; after a decision it publishes again. Delivery is at least once: the
 * same outcome may appear twice (a worker died after publishing but before committing), and
 * both copies are equal but for {@link #worker()}.
 *
 * @param runId   the run
 * @param agent   the agent's name
 * @param session the session's key ({@code MemoryScope.key()}), the records' partition key
 * @param status  how the run ended ({@link Status#FAILED} with the reason for runs that were
 *                dead-lettered or named an unknown agent)
 * @param output  the final answer when completed, else the last text of the model or {@code ""}
 * @param reason  why it ended, for a person
 * @param steps   steps taken
 * @param inputTokens  prompt tokens spent
 * @param outputTokens generated tokens spent
 * @param pending calls waiting for a decision (empty unless awaiting approval)
 * @param worker  the id of the worker that published it
 * @param citations the passages the answer cites ({@code AgentResult.citations()}); empty when none,
 *                  or in records written before this field existed
 * @param untrusted the sources of untrusted content the answer was made from
 *                  ({@code AgentResult.untrusted()}), sorted; hand them on to a run that
 *                  consumes this output, so it is gated like the run that read them
 */
public record RunOutcome(String runId, String agent, String session, Status status, String output, String reason,
                         int steps, long inputTokens, long outputTokens, List<Pending> pending, String worker,
                         List<Passage> citations, Set<String> untrusted) {

    /**
     * An outcome without citations or untrusted sources (a run that was refused before it ran,
     * or one that read nothing).
     */
    public RunOutcome(String runId, String agent, String session, Status status, String output, String reason,
                      int steps, long inputTokens, long outputTokens, List<Pending> pending, String worker) {
        this(runId, agent, session, status, output, reason, steps, inputTokens, outputTokens, pending, worker,
                List.of(), Set.of());
    }

    /** Copies the lists and rejects nulls; missing citations or sources (older records) are empty. */
    public RunOutcome {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(reason, "reason");
        pending = List.copyOf(pending);
        Objects.requireNonNull(worker, "worker");
        citations = citations == null ? List.of() : List.copyOf(citations);
        untrusted = untrusted == null || untrusted.isEmpty() ? Set.of()
                : Collections.unmodifiableSortedSet(new TreeSet<>(untrusted));
    }

    /** Whether the run produced a final answer. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /**
     * A call waiting for a person.
     *
     * @param key      its idempotency key ({@code runId/step/callId})
     * @param tool     the tool's name
     * @param question what the person is asked
     */
    public record Pending(String key, String tool, String question) {
        /** Rejects nulls. */
        public Pending {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(question, "question");
        }
    }
}
