package dev.praxis.examples.offline;

import dev.praxis.memory.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an FAQ written in markdown into knowledge documents: each {@code ## heading} is a
 * question, the text under it the answer. A document's id is the heading's slug, its text the
 * question followed by the answer (so recall matches either), and its {@link #SOURCE} metadata
 * says where to cite it from, as in {@code faq.md#refunds}.
 */
public final class FaqDocuments {

    /** The metadata key holding a document's citation. */
    public static final String SOURCE = "source";
    /** The metadata key holding the question a document answers. */
    public static final String QUESTION = "question";

    private FaqDocuments() {
    }

    /**
     * The entries of {@code markdown}; {@code name} (a file name) prefixes each citation.
     *
     * @throws IllegalArgumentException if the document has no {@code ##} entries
     */
    public static List<Document> parse(String name, String markdown) {
        List<Document> entries = new ArrayList<>();
        String question = null;
        StringBuilder answer = new StringBuilder();
        for (String line : (markdown + "\n## ").lines().toList()) {
            if (line.startsWith("## ")) {
                if (question != null && !answer.toString().isBlank()) {
                    entries.add(entry(name, question, answer.toString().strip().replaceAll("\\s+", " ")));
                }
                question = line.substring(3).strip();
                answer.setLength(0);
            } else if (question != null) {
                answer.append(line).append('\n');
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(name + " has no FAQ entries: expected '## question' headings with text");
        }
        return List.copyOf(entries);
    }

    private static Document entry(String name, String question, String answer) {
        String slug = slug(question);
        return Document.of(slug, question + "\n" + answer).with(SOURCE, name + "#" + slug).with(QUESTION, question);
    }

    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
