package dev.praxis.knowledge;

import java.util.List;

/**
 * Finds the passages relevant to a query: the seam between an agent and its knowledge (a
 * {@link KnowledgeRetriever} over a {@link dev.praxis.memory.KnowledgeStore}, a BM25 index, a
 * fusion of several, a search service). An agent uses one through {@link Retrieval}.
 *
 * <pre>{@code
 * Retriever faq = KnowledgeRetriever.over(knowledgeStore, MemoryScope.session("faq"));
 * List<Passage> top = faq.retrieve(RetrievalQuery.of("how long do refunds take?").topK(3));
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface Retriever {

    /**
     * At most {@code query.topK()} passages matching its filter, best first, with distinct source
     * ids; empty when nothing is relevant.
     *
     * @throws dev.praxis.PraxisException (or a subtype such as {@code MemoryException}) when the
     *                                    underlying store fails
     */
    List<Passage> retrieve(RetrievalQuery query);
}
