package dev.praxis.examples.finance;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.praxis.examples.offline.MiniLm;

import java.util.List;
import java.util.function.Function;

/**
 * Scores the sentiment of a headline with sentence embeddings, no LLM:
 * <pre>
 *   score(h) = mean over p in POSITIVE of cos(e(h), e(p)) - mean over n in NEGATIVE of cos(e(h), e(n))
 * </pre>
 * where {@code e} is the MiniLM embedding. Above zero the headline reads closer to the good-news
 * anchors, below zero closer to the bad-news ones; in practice scores fall within about
 * +-0.2, and neutral news lands near zero.
 */
public final class SentimentScorer {

    /** Good news for a shareholder, phrased generally. */
    static final List<String> POSITIVE = List.of(
            "the company reports strong profit growth and beats expectations",
            "shares rally as analysts upgrade the stock",
            "record sales and a higher dividend for investors",
            "the company wins a major contract and expands");

    /** Bad news for a shareholder, phrased generally. */
    static final List<String> NEGATIVE = List.of(
            "the company reports heavy losses and misses expectations",
            "shares plunge as analysts downgrade the stock",
            "the company cuts jobs and warns of falling sales",
            "investigation, lawsuit and scandal hit the company");

    private final Function<String, Embedding> embed;
    private final List<Embedding> positive;
    private final List<Embedding> negative;

    /** A scorer embedding with the in-process MiniLM model. */
    public SentimentScorer() {
        this(MiniLm::embed);
    }

    /** A scorer embedding with {@code embed}. */
    public SentimentScorer(Function<String, Embedding> embed) {
        this.embed = embed;
        this.positive = POSITIVE.stream().map(embed).toList();
        this.negative = NEGATIVE.stream().map(embed).toList();
    }

    /** The sentiment of {@code headline}: positive is good news, negative bad (see the class comment). */
    public double score(String headline) {
        Embedding e = embed.apply(headline);
        return mean(e, positive) - mean(e, negative);
    }

    private static double mean(Embedding e, List<Embedding> anchors) {
        return anchors.stream().mapToDouble(a -> CosineSimilarity.between(e, a)).average().orElse(0);
    }
}
