package dev.praxis.guard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How much of a protected text (a system prompt) an answer repeats, ignoring case, spacing and punctuation. */
final class PromptOverlap {

    private PromptOverlap() {
    }

    /**
     * Whether {@code answer} contains all of {@code prompt} (when it is shorter than {@code run}
     * words), a run of {@code run} consecutive prompt words, or at least half of the prompt's
     * {@code shingle}-word phrases.
     */
    static boolean leaks(String prompt, String answer, int run, int shingle) {
        List<String> p = words(prompt);
        if (p.size() < shingle) {
            return false;
        }
        List<String> a = words(answer);
        String joined = " " + String.join(" ", a) + " ";
        if (p.size() < run) {
            return joined.contains(" " + String.join(" ", p) + " ");
        }
        for (int i = 0; i + run <= p.size(); i++) {
            if (joined.contains(" " + String.join(" ", p.subList(i, i + run)) + " ")) {
                return true;
            }
        }
        Set<String> answerShingles = shingles(a, shingle);
        Set<String> promptShingles = shingles(p, shingle);
        long shared = promptShingles.stream().filter(answerShingles::contains).count();
        return shared * 2 >= promptShingles.size();
    }

    private static Set<String> shingles(List<String> words, int size) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + size <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + size)));
        }
        return out;
    }

    private static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
