package dev.praxis.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to recall: the {@code topK} chunks most similar to {@code text}.
 *
 * @param text         the question or topic
 * @param topK         how many chunks at most (1..1000)
 * @param filter       metadata entries every returned chunk must have
 * @param minScore     chunks scoring below it are dropped (cosine, or the hybrid blend); -1 keeps all
 * @param hybrid       blend keyword matches with vector similarity (see {@link KnowledgeStore})
 * @param sharedScopes other scopes to search besides the caller's own, named explicitly
 * @param diversity    0 for plain relevance; up to 1, how strongly maximal marginal relevance (MMR)
 *                     prefers chunks unlike those already chosen over more relevant near-duplicates
 */
public record KnowledgeQuery(String text, int topK, Map<String, String> filter, double minScore, boolean hybrid,
                             List<MemoryScope> sharedScopes, double diversity) {

    /** A query without diversity. */
    public KnowledgeQuery(String text, int topK, Map<String, String> filter, double minScore, boolean hybrid,
                          List<MemoryScope> sharedScopes) {
        this(text, topK, filter, minScore, hybrid, sharedScopes, 0);
    }

    /** Validates and copies. */
    public KnowledgeQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a knowledge query needs text");
        }
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK must be within 1..1000, got " + topK);
        }
        filter = Map.copyOf(filter);
        if (minScore < -1 || minScore > 1) {
            throw new IllegalArgumentException("minScore must be within -1..1, got " + minScore);
        }
        sharedScopes = List.copyOf(sharedScopes);
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new IllegalArgumentException("diversity must be within 0..1, got " + diversity);
        }
    }

    /** The 5 most similar chunks, no filter, no minimum, vector-only. */
    public static KnowledgeQuery of(String text) {
        return new KnowledgeQuery(text, 5, Map.of(), -1, false, List.of());
    }

    /** This query returning at most {@code k} chunks. */
    public KnowledgeQuery topK(int k) {
        return new KnowledgeQuery(text, k, filter, minScore, hybrid, sharedScopes, diversity);
    }

    /** This query also requiring metadata {@code key} = {@code value}. */
    public KnowledgeQuery where(String key, String value) {
        Map<String, String> more = new HashMap<>(filter);
        more.put(key, value);
        return new KnowledgeQuery(text, topK, more, minScore, hybrid, sharedScopes, diversity);
    }

    /** This query dropping chunks that score below {@code min}. */
    public KnowledgeQuery minScore(double min) {
        return new KnowledgeQuery(text, topK, filter, min, hybrid, sharedScopes, diversity);
    }

    /**
     * This query fusing keyword and vector relevance: with a {@link KeywordIndex} on the store, BM25
     * and vector rankings by reciprocal rank fusion; without one, cosine blended with the share of
     * query words found (see {@link EmbeddingKnowledgeStore.Builder#keywordIndex}).
     */
    public KnowledgeQuery withKeywords() {
        return new KnowledgeQuery(text, topK, filter, minScore, true, sharedScopes, diversity);
    }

    /**
     * This query choosing its chunks by maximal marginal relevance: each next chunk maximises
     * {@code (1 - diversity) * relevance - diversity * (highest similarity to a chosen chunk)}, among
     * a pool of four times {@code topK} candidates. 0 turns it off; 0.3 is a common choice.
     */
    public KnowledgeQuery diverse(double diversity) {
        return new KnowledgeQuery(text, topK, filter, minScore, hybrid, sharedScopes, diversity);
    }

    /** This query also searching {@code shared} (for knowledge that agents share). */
    public KnowledgeQuery alsoFrom(MemoryScope shared) {
        List<MemoryScope> more = new ArrayList<>(sharedScopes);
        more.add(Objects.requireNonNull(shared, "shared"));
        return new KnowledgeQuery(text, topK, filter, minScore, hybrid, more, diversity);
    }
}
