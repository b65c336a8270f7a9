package dev.praxis.guard;

import java.util.Objects;

/** What a {@link Guardrail} decided about one text: let it pass, replace it, or stop the run. */
public sealed interface GuardDecision {

    /** The text may go on unchanged. */
    record Pass() implements GuardDecision {
    }

    /**
     * The text goes on as {@code text} instead (redacted, truncated, delimited).
     *
     * @param reason what was changed, for logs and audits; never the removed content
     */
    record Rewrite(String text, String reason) implements GuardDecision {
        /** Rejects nulls. */
        public Rewrite {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The run must stop with {@code GUARDRAIL_TRIPPED}; the text goes nowhere.
     *
     * @param reason why, in words for a person; never the offending content
     */
    record Trip(String reason) implements GuardDecision {
        /** Rejects a null reason. */
        public Trip {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The shared {@link Pass}. */
    GuardDecision PASS = new Pass();

    /** Shorthand for {@link #PASS}. */
    static GuardDecision pass() {
        return PASS;
    }

    /** Shorthand for a {@link Rewrite}. */
    static GuardDecision rewrite(String text, String reason) {
        return new Rewrite(text, reason);
    }

    /** Shorthand for a {@link Trip}. */
    static GuardDecision trip(String reason) {
        return new Trip(reason);
    }

    /** The text that goes on: {@code original} for a pass, the replacement for a rewrite; throws for a trip. */
    default String applyTo(String original) {
        if (this instanceof Rewrite r) {
            return r.text();
        }
        if (this instanceof Trip t) {
            throw new IllegalStateException("a tripped guard lets no text through: " + t.reason());
        }
        return original;
    }
}
