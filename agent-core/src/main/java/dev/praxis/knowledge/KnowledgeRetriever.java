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

    private KnowledgeRetriever(KnowledgeStore store, MemoryScope scope) {
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** Retrieves from {@code scope} of {@code store}. */
    public static KnowledgeRetriever over(KnowledgeStore store, MemoryScope scope) {
        return new KnowledgeRetriever(store, scope);
    }

    @Override
    public List<Passage> retrieve(RetrievalQuery query) {
        KnowledgeQuery recall = KnowledgeQuery.of(query.text()).topK(query.topK());
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
