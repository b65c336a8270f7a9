package dev.praxis.memory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The keyword half of hybrid recall: which words of a query count, and how many a text contains. */
final class Keywords {

    private static final Set<String> STOP = Set.of("the", "and", "for", "are", "was", "what", "how", "does",
            "with", "that", "this", "from", "have", "has", "can", "who", "why", "when", "where", "which", "not");

    private Keywords() {
    }

    /** Distinct lower-case words of three or more letters or digits, without common stop words. */
    static List<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_-]+")) {
            if (word.length() >= 3 && !STOP.contains(word)) {
                terms.add(word);
            }
        }
        return List.copyOf(terms);
    }

    /** The share (0..1) of {@code terms} that occur in {@code text}, case-insensitively. */
    static double coverage(String text, List<String> terms) {
        if (terms.isEmpty()) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        long found = terms.stream().filter(lower::contains).count();
        return (double) found / terms.size();
    }
}
