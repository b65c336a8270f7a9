package dev.praxis.memory;

import java.util.List;

/**
 * How a {@link KnowledgeStore} cuts a document into the chunks it embeds. {@link Chunker} cuts by
 * characters; the {@code praxis-ingest} artifact adds cuts by headings and paragraphs and by
 * tokens. Implementations are deterministic (the same document gives the same chunks, so chunk ids
 * stay stable across re-ingestion) and thread-safe.
 */
@FunctionalInterface
public interface Chunking {

    /**
     * The chunks of {@code document}, in document order; never empty, since documents are never
     * blank.
     */
    List<Chunk> chunk(Document document);
}
