package dev.praxis.eval;

import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one case went.
 *
 * @param caseId     the case's id
 * @param input      the case's input
 * @param references the case's reference answers
 * @param output     the agent's final output ({@code ""} if none)
 * @param status     how the agent's run ended
 * @param reason     the run's end reason, or the error if the agent threw
 * @param checks     one result per check, in the case's order
 * @param latency    wall-clock time of the run
 * @param steps      model calls the run made
 * @param usage      tokens the run spent
 * @param cost       what the tokens cost under the evaluator's pricing
 */
public record CaseResult(String caseId, String input, List<String> references, String output, Status status,
                         String reason, List<CheckResult> checks, Duration latency, int steps, Usage usage,
                         BigDecimal cost) {

    /** Rejects nulls; copies lists. */
    public CaseResult {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(input, "input");
        references = List.copyOf(references);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        checks = List.copyOf(checks);
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
    }

    /** Whether the run completed. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** Whether the run completed and every check passed. */
    public boolean passed() {
        return completed() && checks.stream().allMatch(CheckResult::passed);
    }

    /** ROUGE-L F1 of the output against the best reference, if the case has references. */
    public OptionalDouble rougeL() {
        return references.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(RougeL.f1OfTexts(output, references));
    }

    /** The judge's scaled score (0..1), if the case has a judge check. */
    public OptionalDouble judgeScore() {
        return checks.stream().filter(c -> c.check().equals("judge")).mapToDouble(CheckResult::score).average();
    }

    /** The first failed check, if any. */
    public Optional<CheckResult> firstFailure() {
        return checks.stream().filter(c -> !c.passed()).findFirst();
    }
}
