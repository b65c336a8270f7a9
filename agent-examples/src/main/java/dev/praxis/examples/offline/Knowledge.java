package dev.praxis.examples.offline;

import java.util.List;

/** Something the offline mode can look answers up in: an example's knowledge base. */
@FunctionalInterface
public interface Knowledge {

    /** Knowledge that knows nothing. */
    Knowledge NONE = (question, max) -> List.of();

    /** Up to {@code max} passages for {@code question}, best first. */
    List<Passage> search(String question, int max);
}
