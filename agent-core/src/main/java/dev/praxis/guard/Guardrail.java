package dev.praxis.guard;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Looks at text entering or leaving a run and decides: pass, rewrite, or trip. One interface
 * serves input, output and tool-output checks; {@link GuardContext#point()} says which.
 *
 * <pre>{@code
 * Guardrail noShouting = (text, ctx) -> text.equals(text.toUpperCase()) && text.length() > 20
 *         ? GuardDecision.trip("input is all capitals") : GuardDecision.pass();
 * LlmAgent.builder().llm(llm).guardrails(noShouting.at(GuardPoint.INPUT), PiiRedactor.mask()).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe (one instance serves concurrent runs) and must not
 * throw for any text: a guardrail that throws ends the run as {@code FAILED}. Reasons must
 * never repeat the content they object to, since they reach logs and results.
 */
@FunctionalInterface
public interface Guardrail {

    /** Decides about {@code text}, which is never null. */
    GuardDecision check(String text, GuardContext context);

    /**
     * Told that run {@code runId} ended, so per-run state can be released. Called once per run
     * by the agent, whatever the outcome, except a pause for approval: a resumed run keeps
     * its state.
     */
    default void ended(String runId) {
    }

    /** This guardrail, applied only at the given points; other points pass. */
    default Guardrail at(GuardPoint first, GuardPoint... more) {
        Set<GuardPoint> points = EnumSet.of(first, more);
        Guardrail self = this;
        return new Guardrail() {
            @Override
            public GuardDecision check(String text, GuardContext context) {
                return points.contains(context.point()) ? self.check(text, context) : GuardDecision.pass();
            }

            @Override
            public void ended(String runId) {
                self.ended(runId);
            }
        };
    }

    /** Requires a non-null decision, naming the guardrail that broke the contract. */
    static GuardDecision checked(Guardrail guardrail, String text, GuardContext context) {
        return Objects.requireNonNull(guardrail.check(text, context),
                () -> "guardrail " + guardrail.getClass().getName() + " returned null");
    }
}
