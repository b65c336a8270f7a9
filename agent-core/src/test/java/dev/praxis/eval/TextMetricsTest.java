package dev.praxis.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextMetricsTest {

    private static List<String> words(String text) {
        return List.of(text.split(" "));
    }

    // the corpus of the NLTK corpus_bleu documentation (Papineni et al.'s example sentences)
    private final List<String> hyp1 = words("It is a guide to action which ensures that the military always obeys"
            + " the commands of the party");
    private final List<String> ref1a = words("It is a guide to action that ensures that the military will forever"
            + " heed Party commands");
    private final List<String> ref1b = words("It is the guiding principle which guarantees the military forces"
            + " always being under the command of the Party");
    private final List<String> ref1c = words("It is the practical guide for the army always to heed the directions"
            + " of the party");
    private final List<String> hyp2 = words("he read the book because he was interested in world history");
    private final List<String> ref2a = words("he was interested in world history because he read the book");

    @Test
    void modifiedUnigramPrecisionClipsRepeatsAsInThePaper() {
        // Papineni et al. 2002, section 2.1: "the the the the the the the" scores 2/7 (the paper
        // counts "The" and "the" alike, so the references are lower-cased here)
        long[] p = Bleu.modifiedPrecision(words("the the the the the the the"),
                List.of(words("the cat is on the mat"), words("there is a cat on the mat")), 1);

        assertThat(p).containsExactly(2, 7);
    }

    @Test
    void corpusBleuMatchesPublishedReferenceValues() {
        var candidates = List.of(hyp1, hyp2);
        var references = List.of(List.of(ref1a, ref1b, ref1c), List.of(ref2a));

        // values published in NLTK's corpus_bleu documentation
        assertThat(Bleu.corpus(candidates, references)).isCloseTo(0.5920778868801042, within(1e-12));
        assertThat(Bleu.corpus(candidates, references, 1)).isCloseTo(0.9655172413793104, within(1e-12));
        assertThat(Bleu.corpus(candidates, references, 2)).isCloseTo(0.8242803277698696, within(1e-12));
    }

    @Test
    void corpusBleuByHandWithBrevityPenalty() {
        // candidate "the cat sat" vs reference "the cat sat on the mat": p1..p3 = 1, no 4-grams -> 0
        assertThat(Bleu.corpus(List.of(words("the cat sat")), List.of(List.of(words("the cat sat on the mat")))))
                .isZero();
        // with order 3: precisions all 1, BP = exp(1 - 6/3) = e^-1
        assertThat(Bleu.corpus(List.of(words("the cat sat")), List.of(List.of(words("the cat sat on the mat"))), 3))
                .isCloseTo(Math.exp(-1), within(1e-12));
        assertThat(Bleu.brevityPenalty(7, 5)).isEqualTo(1.0);
        assertThat(Bleu.corpusOfTexts(List.of("a b c d e"), List.of(List.of("a b c d e")))).isEqualTo(1.0);
    }

    @Test
    void closestReferenceLengthPrefersTheShorterOnTies() {
        // candidate of 4 tokens, references of 3 and 5: r = 3, so no penalty; p1 = 4/4, p2 = 3/3, ...
        var candidate = words("a b c d");
        double bleu = Bleu.corpus(List.of(candidate), List.of(List.of(words("a b c"), words("a b c d e"))), 2);

        assertThat(bleu).isEqualTo(1.0);
    }

    @Test
    void rougeLMatchesLinsPublishedExample() {
        // Lin 2004, section 3.1: reference S1 "police killed the gunman"
        var s1 = words("police killed the gunman");

        assertThat(RougeL.f1(words("police kill the gunman"), List.of(s1))).isCloseTo(0.75, within(1e-12));
        assertThat(RougeL.f1(words("the gunman kill police"), List.of(s1))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void rougeLByHandWithUnequalLengthsAndBeta() {
        // LCS("a b c d e f", "a c f x") = 3: R = 3/6, P = 3/4
        RougeL.Score s = RougeL.score(words("a c f x"), words("a b c d e f"), 2.0);

        assertThat(RougeL.lcs(words("a c f x"), words("a b c d e f"))).isEqualTo(3);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.precision()).isEqualTo(0.75);
        assertThat(s.f()).isCloseTo(5 * 0.5 * 0.75 / (0.5 + 4 * 0.75), within(1e-12));
        assertThat(RougeL.f1OfTexts("nothing", List.of("in common"))).isZero();
    }

    @Test
    void tokenizerSplitsPunctuationAndKeepsCase() {
        assertThat(Tokens.of("Hello, world! It's 3.5")).containsExactly("Hello", ",", "world", "!", "It", "'", "s",
                "3", ".", "5");
    }
}
