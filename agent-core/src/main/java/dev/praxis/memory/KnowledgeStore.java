package dev.praxis.memory;

import java.util.List;

/**
 * Semantic memory: documents split into overlapping chunks, embedded, and recalled by
 * similarity. Every call names the caller's {@link MemoryScope}; recall sees only that scope
 * plus the shared scopes a query names explicitly.
 *
 * <pre>{@code
 * KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(vectorStore, embeddingModel).build();
 * knowledge.add(scope, Document.of("refunds", "Refunds are paid within 14 days.").with("topic", "billing"));
 * List<Recollection> hits = knowledge.recall(scope, KnowledgeQuery.of("how long do refunds take?")
 *         .where("topic", "billing").minScore(0.3));
 * }</pre>
 *
 * <p>Hybrid recall blends vector similarity with the share of query words found in a chunk,
 * so exact names and codes that embeddings blur are still found. Implementations are thread-safe.
 */
public interface KnowledgeStore extends Forgettable {

    /**
     * Chunks, embeds and stores {@code document}, atomically replacing a document with the same
     * id in this scope.
     *
     * @return the number of chunks stored
     */
    int add(MemoryScope scope, Document document);

    /** The most relevant chunks for {@code query}, best first; empty when nothing qualifies. */
    List<Recollection> recall(MemoryScope scope, KnowledgeQuery query);

    /** Deletes every chunk of the document; returns whether it existed. */
    boolean delete(MemoryScope scope, String documentId);
}
