package dev.praxis.env;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Judges an answer to a task. Implementations must be thread-safe and must not throw for a
 * wrong or malformed answer: that is a failed {@link Verdict}.
 */
@FunctionalInterface
public interface Checker {

    /** Judges {@code answer}. */
    Verdict check(String answer);

    /**
     * A judgement.
     *
     * @param passed whether the answer is acceptable
     * @param score  how good it is, in [0, 1] (the reward a {@link TaskEnvironment} pays)
     * @param detail why, in words for a person
     */
    record Verdict(boolean passed, double score, String detail) {

        /** Rejects scores outside [0, 1]. */
        public Verdict {
            if (!(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException("score must be within [0, 1], got " + score);
            }
            Objects.requireNonNull(detail, "detail");
        }

        /** A pass (score 1) or a fail (score 0). */
        public static Verdict of(boolean passed, String detail) {
            return new Verdict(passed, passed ? 1.0 : 0.0, detail);
        }
    }

    /** Passes when the answer, trimmed, equals {@code expected}. */
    static Checker equalsTo(String expected) {
        Objects.requireNonNull(expected, "expected");
        return answer -> Verdict.of(answer.strip().equals(expected.strip()),
                "expected exactly '" + expected.strip() + "'");
    }

    /** Passes when the answer contains {@code part}, ignoring case. */
    static Checker contains(String part) {
        Objects.requireNonNull(part, "part");
        return answer -> Verdict.of(answer.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT)), "expected to contain '" + part + "'");
    }

    /** Passes when {@code regex} matches somewhere in the answer. */
    static Checker matches(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return answer -> Verdict.of(pattern.matcher(answer).find(), "expected to match /" + regex + "/");
    }
}
