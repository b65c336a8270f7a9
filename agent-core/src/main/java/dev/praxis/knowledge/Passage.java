package dev.praxis.knowledge;

import java.util.Map;
import java.util.Objects;

/**
 * One retrieved piece of knowledge, as the model and the run's citations see it.
 *
 * @param sourceId   the id the model cites it by, in square brackets ({@code [refunds#0]}); unique within one
 *                   retrieval, no whitespace, brackets or commas; a {@link KnowledgeRetriever} uses
 *                   {@code documentId#chunk}
 * @param documentId the document the passage comes from
 * @param text       the passage's plain text
 * @param score      relevance, higher is better; its scale depends on the retriever
 * @param metadata   the document's metadata (title, url, section...)
 */
public record Passage(String sourceId, String documentId, String text, double score, Map<String, String> metadata) {

    /** Rejects nulls, blank text and source ids the model could not cite unambiguously; copies the metadata. */
    public Passage {
        Objects.requireNonNull(sourceId, "sourceId");
        if (!Citations.isCitable(sourceId)) {
            throw new IllegalArgumentException("source id '" + sourceId + "' must be non-blank, without whitespace,"
                    + " brackets, commas or semicolons, at most 200 characters");
        }
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("passage '" + sourceId + "' has no text");
        }
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("passage '" + sourceId + "' has a NaN score");
        }
        metadata = Map.copyOf(metadata);
    }

    /** This passage with {@code newScore} (rankers that fuse or re-rank use it). */
    public Passage withScore(double newScore) {
        return new Passage(sourceId, documentId, text, newScore, metadata);
    }
}
