package dev.praxis.agent;

import dev.praxis.knowledge.Passage;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a run ended and everything it reached.
 *
 * @param runId     the run's id, as in its events
 * @param status    how it ended
 * @param output    the final answer when {@link Status#COMPLETED}; otherwise the last text the
 *                  model wrote, or {@code ""}
 * @param steps     every step taken, in order, including the one that ended the run
 * @param usage     tokens spent by the whole run
 * @param reason    why the run ended, in words for a person ({@code "final answer"} on success)
 * @param citations the retrieved passages the output cites by {@code [sourceId]}, in order of first
 *                  citation (see {@code LlmAgent.Builder#knowledge}); empty without retrieval
 * @param untrusted the provenance of the output: where untrusted content in the run's context came
 *                  from ({@code tool 'fetch_page'}, {@code blackboard entry research/supplier}, as in
 *                  {@link dev.praxis.tool.Delegation#untrusted()}), sorted; empty when nothing
 *                  untrusted was in play. Whoever hands the output to another run passes these
 *                  on ({@code AgentRequest.delegatedBy(delegation.withUntrusted(result.untrusted()))}),
 *                  so that run is gated like this one; teams do it for their members.
 */
public record AgentResult(String runId, Status status, String output, List<Step> steps, Usage usage, String reason,
                          List<Passage> citations, Set<String> untrusted) {

    /** Copies the lists and sets and rejects nulls. */
    public AgentResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        steps = List.copyOf(steps);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(reason, "reason");
        citations = List.copyOf(citations);
        untrusted = sorted(untrusted);
    }

    /** A result with citations and no untrusted provenance. */
    public AgentResult(String runId, Status status, String output, List<Step> steps, Usage usage, String reason,
                       List<Passage> citations) {
        this(runId, status, output, steps, usage, reason, citations, Set.of());
    }

    /** A result without citations and no untrusted provenance. */
    public AgentResult(String runId, Status status, String output, List<Step> steps, Usage usage, String reason) {
        this(runId, status, output, steps, usage, reason, List.of(), Set.of());
    }

    /** Whether the run produced a final answer. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** This result with {@code newOutput} as its output; everything else, citations and provenance included, kept. */
    public AgentResult withOutput(String newOutput) {
        return new AgentResult(runId, status, newOutput, steps, usage, reason, citations, untrusted);
    }

    /**
     * This result with {@code newSteps}, {@code newOutput} and {@code newReason} (a listener that
     * masks text, a team that reports its own steps); citations and provenance kept.
     */
    public AgentResult withText(List<Step> newSteps, String newOutput, String newReason) {
        return new AgentResult(runId, status, newOutput, newSteps, usage, newReason, citations, untrusted);
    }

    /** This result whose output was also made from {@code sources} of untrusted content (added to {@link #untrusted()}). */
    public AgentResult withUntrusted(Collection<String> sources) {
        Set<String> all = new TreeSet<>(untrusted);
        for (String source : sources) {
            all.add(Objects.requireNonNull(source, "source"));
        }
        return new AgentResult(runId, status, output, steps, usage, reason, citations, all);
    }

    private static Set<String> sorted(Collection<String> sources) {
        Objects.requireNonNull(sources, "untrusted");
        if (sources.isEmpty()) {
            return Set.of();
        }
        Set<String> copy = new TreeSet<>();
        for (String source : sources) {
            copy.add(Objects.requireNonNull(source, "untrusted source"));
        }
        return Collections.unmodifiableSet(copy);
    }
}
