package dev.praxis.memory;

import java.util.Map;
import java.util.Objects;

/**
 * One recalled chunk of knowledge.
 *
 * @param documentId the document it came from
 * @param chunk      its position in the document, from 0
 * @param text       the chunk's plain text
 * @param metadata   the document's metadata
 * @param score      relevance, higher is better (cosine similarity, or the hybrid blend)
 * @param scope      the scope it was stored in (the caller's own or a shared one)
 */
public record Recollection(String documentId, int chunk, String text, Map<String, String> metadata, double score,
                           MemoryScope scope) {

    /** Rejects nulls; copies the metadata. */
    public Recollection {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(scope, "scope");
    }
}
