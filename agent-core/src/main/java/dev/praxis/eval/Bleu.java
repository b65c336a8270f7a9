package dev.praxis.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU (Papineni, Roukos, Ward and Zhu, 2002), computed at corpus level as defined there:
 * modified n-gram precisions for n = 1..N (each candidate n-gram count clipped by its largest
 * count in any one reference) summed over the corpus, combined by a geometric mean with
 * uniform weights, times the brevity penalty {@code BP = 1} if {@code c > r}, else
 * {@code exp(1 - r/c)}, where c is the total candidate length and r the sum of the reference
 * lengths closest to each candidate's (the shorter on ties). No smoothing: a corpus without
 * any matching n-gram of some order scores 0.
 */
final class Bleu {

    /** The usual maximum n-gram order. */
    public static final int DEFAULT_ORDER = 4;

    private Bleu() {
    }

    /**
     * Corpus BLEU-4 of tokenized candidates, each with one or more tokenized references.
     *
     * @throws IllegalArgumentException if the lists differ in size or a candidate has no reference
     */
    public static double corpus(List<List<String>> candidates, List<List<List<String>>> references) {
        return corpus(candidates, references, DEFAULT_ORDER);
    }

    /** Corpus BLEU with n-grams up to {@code maxOrder}, uniform weights. */
    public static double corpus(List<List<String>> candidates, List<List<List<String>>> references, int maxOrder) {
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + references.size()
                    + " reference sets");
        }
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be at least 1, got " + maxOrder);
        }
        long[] matched = new long[maxOrder + 1];
        long[] total = new long[maxOrder + 1];
        long candidateLength = 0;
        long referenceLength = 0;
        for (int i = 0; i < candidates.size(); i++) {
            List<String> candidate = candidates.get(i);
            List<List<String>> refs = references.get(i);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("candidate " + i + " has no reference");
            }
            for (int n = 1; n <= maxOrder; n++) {
                long[] p = modifiedPrecision(candidate, refs, n);
                matched[n] += p[0];
                total[n] += p[1];
            }
            candidateLength += candidate.size();
            referenceLength += closestLength(candidate.size(), refs);
        }
        if (candidateLength == 0) {
            return 0.0;
        }
        double logSum = 0;
        for (int n = 1; n <= maxOrder; n++) {
            if (matched[n] == 0) {
                return 0.0;
            }
            logSum += Math.log((double) matched[n] / total[n]) / maxOrder;
        }
        return brevityPenalty(candidateLength, referenceLength) * Math.exp(logSum);
    }

    /** Corpus BLEU-4 of raw texts, tokenized by {@link Tokens#of}. */
    public static double corpusOfTexts(List<String> candidates, List<List<String>> references) {
        return corpus(candidates.stream().map(Tokens::of).toList(),
                references.stream().map(refs -> refs.stream().map(Tokens::of).toList()).toList());
    }

    /**
     * The clipped n-gram matches and the candidate's n-gram count, as {@code {matched, total}}:
     * the numerator and denominator of the paper's modified n-gram precision.
     */
    public static long[] modifiedPrecision(List<String> candidate, List<List<String>> references, int n) {
        Map<List<String>, Integer> counts = ngrams(candidate, n);
        Map<List<String>, Integer> maxRef = new HashMap<>();
        for (List<String> reference : references) {
            ngrams(reference, n).forEach((gram, count) -> maxRef.merge(gram, count, Math::max));
        }
        long matched = 0;
        long total = 0;
        for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
            matched += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
            total += e.getValue();
        }
        return new long[] {matched, total};
    }

    /** {@code 1} if {@code c > r}, else {@code exp(1 - r/c)}; 0 for an empty candidate. */
    public static double brevityPenalty(long candidateLength, long referenceLength) {
        if (candidateLength == 0) {
            return 0.0;
        }
        return candidateLength > referenceLength ? 1.0 : Math.exp(1.0 - (double) referenceLength / candidateLength);
    }

    private static int closestLength(int length, List<List<String>> references) {
        int best = references.get(0).size();
        for (List<String> reference : references) {
            int size = reference.size();
            int diff = Math.abs(size - length);
            int bestDiff = Math.abs(best - length);
            if (diff < bestDiff || diff == bestDiff && size < best) {
                best = size;
            }
        }
        return best;
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }
}
