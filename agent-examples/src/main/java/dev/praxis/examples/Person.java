package dev.praxis.examples;

import java.util.Objects;

/**
 * Someone at the keyboard who can be asked a question (an approval, say), if anyone is there.
 *
 * <p>A question has three outcomes, and only one of them is an answer: the person said
 * something ({@link Reply.Said}), nobody is at the keyboard at all ({@link Reply.Nobody}, a
 * scripted run), or a person is there but gave no answer ({@link Reply.Silent}: end of input,
 * time out, an unreadable terminal). Whoever acts on a reply must treat silence as "no":
 * silence is never consent.
 */
@FunctionalInterface
public interface Person {

    /** Nobody is there: every question goes unanswered, and the caller may apply its stated stand-in rule. */
    Person NOBODY = question -> new Reply.Nobody();

    /** Asks {@code question}; never null. */
    Reply ask(String question);

    /** What came back from a question. */
    sealed interface Reply {

        /** The person typed {@code text} (never null, may be blank). */
        record Said(String text) implements Reply {
            /** Rejects null text. */
            public Said {
                Objects.requireNonNull(text, "text");
            }
        }

        /** Nobody is at the keyboard (a scripted run): there was never anyone to ask. */
        record Nobody() implements Reply {
        }

        /** A person was asked and did not answer: {@code why} says what happened (end of input, time out). */
        record Silent(String why) implements Reply {
            /** Rejects a null reason. */
            public Silent {
                Objects.requireNonNull(why, "why");
            }
        }
    }
}
