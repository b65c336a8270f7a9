package dev.praxis.agent;

import dev.praxis.guard.GuardContext;
import dev.praxis.guard.GuardDecision;
import dev.praxis.guard.Guardrail;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's ordered chain of guardrails (what {@code LlmAgent.Builder#guardrails} adds),
 * itself a guardrail: each one sees the text as the previous one left it; the first trip stops
 * the chain. The result is a {@link GuardDecision.Pass} if
 * nobody changed the text, else one {@link GuardDecision.Rewrite} whose reason lists every
 * change. Immutable and thread-safe.
 */
final class Guardrails implements Guardrail {

    /** The empty chain: passes everything. */
    static final Guardrails NONE = new Guardrails(List.of());

    private final List<Guardrail> chain;

    private Guardrails(List<Guardrail> chain) {
        this.chain = List.copyOf(chain);
    }

    /** A chain of {@code guardrails}, applied in order. */
    static Guardrails of(List<? extends Guardrail> guardrails) {
        return new Guardrails(List.copyOf(guardrails));
    }

    /** A new chain with {@code more} appended; this one is unchanged. */
    Guardrails plus(List<? extends Guardrail> more) {
        List<Guardrail> all = new ArrayList<>(chain);
        all.addAll(more);
        return new Guardrails(all);
    }

    /** Whether the chain is empty. */
    boolean isEmpty() {
        return chain.isEmpty();
    }

    @Override
    public GuardDecision check(String text, GuardContext context) {
        String current = text;
        List<String> reasons = new ArrayList<>();
        for (Guardrail guardrail : chain) {
            GuardDecision decision = Guardrail.checked(guardrail, current, context);
            if (decision instanceof GuardDecision.Trip) {
                return decision;
            }
            if (decision instanceof GuardDecision.Rewrite rewrite) {
                current = rewrite.text();
                reasons.add(rewrite.reason());
            }
        }
        return reasons.isEmpty() ? GuardDecision.pass() : GuardDecision.rewrite(current, String.join("; ", reasons));
    }

    @Override
    public void ended(String runId) {
        for (Guardrail guardrail : chain) {
            guardrail.ended(runId);
        }
    }
}
