package dev.praxis.eval;

import java.util.List;

/**
 * ROUGE-L (Lin, 2004): the longest common subsequence (LCS) of candidate and reference
 * tokens gives recall {@code R = LCS/|reference|} and precision {@code P = LCS/|candidate|},
 * combined as {@code F = (1 + β²)RP / (R + β²P)}. With several references the best F counts.
 */
final class RougeL {

    private RougeL() {
    }

    /**
     * Recall, precision and F of one comparison.
     *
     * @param recall    LCS over reference length
     * @param precision LCS over candidate length
     * @param f         the F-measure
     */
    public record Score(double recall, double precision, double f) {
    }

    /** The F1 (β = 1) of the best reference. */
    public static double f1(List<String> candidate, List<List<String>> references) {
        return references.stream().mapToDouble(r -> score(candidate, r, 1.0).f()).max().orElse(0.0);
    }

    /** ROUGE-L F1 of raw texts, tokenized by {@link Tokens#of}. */
    public static double f1OfTexts(String candidate, List<String> references) {
        return f1(Tokens.of(candidate), references.stream().map(Tokens::of).toList());
    }

    /** Recall, precision and F-measure with weight {@code beta} (recall counts β times as much). */
    public static Score score(List<String> candidate, List<String> reference, double beta) {
        int lcs = lcs(candidate, reference);
        if (lcs == 0) {
            return new Score(0, 0, 0);
        }
        double r = (double) lcs / reference.size();
        double p = (double) lcs / candidate.size();
        double b2 = beta * beta;
        return new Score(r, p, (1 + b2) * r * p / (r + b2 * p));
    }

    /** The length of the longest common subsequence, by dynamic programming in O(|a|·|b|) time. */
    public static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
