package dev.praxis.eval;

import dev.praxis.knowledge.Citations;
import dev.praxis.knowledge.Passage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an answer says only what its citations say: every citation points to a retrieved
 * passage, and every claim (sentence) of the answer is found in the passages it cites (those
 * cited in the sentence, else all the answer cites): each of its numbers and at least
 * {@code minSupport} of its content words occur in them. Lexical, so cheap and deterministic; a
 * paraphrase with other words counts as unsupported (use an LLM judge for those).
 */
final class Groundedness {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+[.!?]*");
    private static final Pattern MARKER = Pattern.compile("\\[[^\\[\\]\\n]*\\](?!\\()");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Set<String> STOP = Set.of("the", "and", "for", "are", "was", "were", "with", "that", "this",
            "from", "have", "has", "you", "your", "our", "its", "can", "will", "not", "but", "they", "their", "into",
            "any", "all", "also", "yes", "within", "about", "there", "which", "what", "when", "where", "who", "how",
            "does", "did", "may", "must", "should", "would", "could", "been", "being", "than", "then", "them", "per");

    private Groundedness() {
    }

    static CheckResult judge(String name, String answer, List<Passage> citations, double minSupport) {
        List<String> invented = new ArrayList<>(Citations.unknown(answer, citations));
        if (!invented.isEmpty()) {
            return new CheckResult(name, false, 0, "cites sources that were not retrieved: " + invented);
        }
        if (citations.isEmpty()) {
            return new CheckResult(name, false, 0, "the answer cites no retrieved passage");
        }
        List<String> claims = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Matcher m = SENTENCE.matcher(answer);
        while (m.find()) {
            String sentence = m.group().strip();
            String claim = MARKER.matcher(sentence).replaceAll("").strip();
            if (words(claim).isEmpty() && numbers(claim).isEmpty()) {
                continue;
            }
            claims.add(claim);
            List<Passage> own = Citations.cited(sentence, citations);
            String source = String.join("\n", (own.isEmpty() ? citations : own).stream().map(Passage::text).toList())
                    .toLowerCase(Locale.ROOT);
            if (!supported(claim, source, minSupport)) {
                unsupported.add(claim);
            }
        }
        if (claims.isEmpty()) {
            return new CheckResult(name, false, 0, "the answer makes no claim");
        }
        double score = 1 - (double) unsupported.size() / claims.size();
        return new CheckResult(name, unsupported.isEmpty(), score, unsupported.isEmpty()
                ? claims.size() + " claim(s) found in the cited passages"
                : "not in the cited passages: " + unsupported);
    }

    private static boolean supported(String claim, String source, double minSupport) {
        Set<String> sourceWords = words(source);
        for (String number : numbers(claim)) {
            if (!numbers(source).contains(number)) {
                return false;
            }
        }
        Set<String> words = words(claim);
        if (words.isEmpty()) {
            return true;
        }
        long found = words.stream().filter(sourceWords::contains).count();
        return (double) found / words.size() >= minSupport;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                words.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return words;
    }

    private static Set<String> numbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group());
        }
        return numbers;
    }
}
