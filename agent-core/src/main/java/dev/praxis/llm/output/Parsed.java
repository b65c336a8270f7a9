package dev.praxis.llm.output;

import java.util.Objects;

/** The outcome of checking a model's answer against an {@link OutputSchema}. */
public sealed interface Parsed<T> {

    /** The answer fits: {@code value} is fully populated. */
    record Valid<T>(T value) implements Parsed<T> {
        /** Rejects null. */
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The answer does not fit; {@code error} says exactly why, in words a model can act on. */
    record Invalid<T>(String error) implements Parsed<T> {
        /** Rejects null. */
        public Invalid {
            Objects.requireNonNull(error, "error");
        }
    }
}
