package dev.praxis.knowledge;

import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Retriever} over a {@link KnowledgeStore}: one scope's chunks (the scope a knowledge
 * base was loaded into), recalled by the store's own similarity. Each passage's source id is
 * {@code documentId#chunk}. Thread-safe when the store is.
 */
public final class KnowledgeRetriever implements Retriever {

    private final KnowledgeStore store;
    private final MemoryScope scope;
    private final boolean hybrid;
    private final double diversity;

    private KnowledgeRetriever(KnowledgeStore store, MemoryScope scope, boolean hybrid, double diversity) {
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.hybrid = hybrid;
        this.diversity = diversity;
    }

    /** Retrieves from {@code scope} of {@code store}, by vector similarity. */
    public static KnowledgeRetriever over(KnowledgeStore store, MemoryScope scope) {
        return new KnowledgeRetriever(store, scope, false, 0);
    }

    /**
     * This retriever recalling by hybrid relevance (see {@link KnowledgeQuery#withKeywords()}: BM25
     * fused with vectors when the store has a keyword index).
     */
    public KnowledgeRetriever hybrid() {
        return new KnowledgeRetriever(store, scope, true, diversity);
    }

    /** This retriever diversifying its passages by MMR (see {@link KnowledgeQuery#diverse}). */
    public KnowledgeRetriever diverse(double newDiversity) {
        if (!(newDiversity >= 0 && newDiversity <= 1)) {
            throw new IllegalArgumentException("diversity must be within 0..1, got " + newDiversity);
        }
        return new KnowledgeRetriever(store, scope, hybrid, newDiversity);
    }

    @Override
    public List<Passage> retrieve(RetrievalQuery query) {
        KnowledgeQuery recall = KnowledgeQuery.of(query.text()).topK(query.topK()).diverse(diversity);
        if (hybrid) {
            recall = recall.withKeywords();
        }
        for (var e : query.filter().entrySet()) {
            recall = recall.where(e.getKey(), e.getValue());
        }
        return store.recall(scope, recall).stream().map(KnowledgeRetriever::passage).toList();
    }

    /**
     * The passage of one recalled chunk, cited as {@code documentId#chunk}; characters a citation
     * cannot hold (whitespace, brackets, commas, semicolons) become {@code -} in the source id.
     */
    public static Passage passage(Recollection r) {
        String id = r.documentId().strip().replaceAll("[\\s\\[\\],;]+", "-");
        if (id.length() > 180) {
            id = id.substring(0, 180);
        }
        return new Passage(id + "#" + r.chunk(), r.documentId(), r.text(), r.score(), r.metadata());
    }
}
