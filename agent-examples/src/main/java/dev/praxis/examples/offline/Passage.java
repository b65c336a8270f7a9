package dev.praxis.examples.offline;

import java.util.Objects;

/**
 * A piece of knowledge found for a question.
 *
 * @param text   what it says
 * @param source where it comes from, to cite (for example {@code "faq.md#refunds"})
 * @param score  how well it matches the question, from -1 to 1 (cosine similarity)
 */
public record Passage(String text, String source, double score) {

    /** Rejects nulls. */
    public Passage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }
}
