package dev.praxis.examples;

import java.util.Optional;

/** Someone at the keyboard who can be asked a question (an approval, say), if anyone is there. */
@FunctionalInterface
public interface Person {

    /** Nobody is there: every question goes unanswered. */
    Person NOBODY = question -> Optional.empty();

    /** Asks {@code question}; empty when nobody answers. */
    Optional<String> ask(String question);
}
