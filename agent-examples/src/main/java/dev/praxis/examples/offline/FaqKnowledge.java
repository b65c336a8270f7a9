package dev.praxis.examples.offline;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A small FAQ held in memory: each {@code ## heading} of a markdown document is a question,
 * the text under it the answer. Questions are matched by the cosine similarity of their
 * MiniLM embeddings, against both the heading and the whole entry. Immutable, thread-safe.
 */
public final class FaqKnowledge implements Knowledge {

    private record Entry(String question, String answer, String source, Embedding heading, Embedding whole) {
    }

    private final List<Entry> entries;

    private FaqKnowledge(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the entries of {@code markdown}; {@code name} (a file name) prefixes each
     * entry's source, as in {@code faq.md#refunds}.
     *
     * @throws IllegalArgumentException if the document has no {@code ##} entries
     */
    public static FaqKnowledge parse(String name, String markdown) {
        List<Entry> entries = new ArrayList<>();
        String question = null;
        StringBuilder answer = new StringBuilder();
        for (String line : (markdown + "\n## ").lines().toList()) {
            if (line.startsWith("## ")) {
                if (question != null && !answer.toString().isBlank()) {
                    entries.add(entry(name, question, answer.toString().trim()));
                }
                question = line.substring(3).trim();
                answer.setLength(0);
            } else if (question != null) {
                answer.append(line).append('\n');
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(name + " has no FAQ entries: expected '## question' headings with text");
        }
        return new FaqKnowledge(entries);
    }

    private static Entry entry(String name, String question, String answer) {
        String normalised = answer.replaceAll("\\s+", " ");
        return new Entry(question, normalised, name + "#" + slug(question),
                MiniLm.embed(question), MiniLm.embed(question + " " + normalised));
    }

    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The questions this FAQ answers, in document order. */
    public List<String> questions() {
        return entries.stream().map(Entry::question).toList();
    }

    @Override
    public List<Passage> search(String question, int max) {
        Embedding query = MiniLm.embed(question);
        return entries.stream()
                .map(e -> new Passage(e.answer(), e.source(), Math.max(
                        CosineSimilarity.between(query, e.heading()), CosineSimilarity.between(query, e.whole()))))
                .sorted(Comparator.comparingDouble(Passage::score).reversed())
                .limit(max)
                .toList();
    }
}
