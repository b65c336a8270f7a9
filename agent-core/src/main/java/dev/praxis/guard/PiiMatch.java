package dev.praxis.guard;

import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * @param kind  what it is
 * @param start index of its first character
 * @param end   index after its last character
 * @param value the matched text; {@link #toString()} never shows it
 */
record PiiMatch(PiiKind kind, int start, int end, String value) {

    /** Validates the span. */
    public PiiMatch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end <= start || end - start != value.length()) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for a value of "
                    + value.length() + " characters");
        }
    }

    @Override
    public String toString() {
        return "PiiMatch[" + kind + " at " + start + ".." + end + "]";
    }
}
