package dev.praxis.examples.offline;

import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;

import java.util.List;
import java.util.Objects;

/**
 * An example's knowledge base as the offline mode sees it: recall by meaning from a Praxis
 * {@link KnowledgeStore} (durable or in memory) in one scope, each passage cited by its
 * document's {@link FaqDocuments#SOURCE} metadata (the document id when there is none). A chunk
 * that starts with its document's {@link FaqDocuments#QUESTION} is answered without repeating
 * the question. Thread-safe when the store is.
 */
public final class StoredKnowledge implements Knowledge {

    private final KnowledgeStore store;
    private final MemoryScope scope;

    /** Knowledge recalled from {@code store} in {@code scope}. */
    public StoredKnowledge(KnowledgeStore store, MemoryScope scope) {
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** {@code documents} embedded with the in-process MiniLM model into a store held in memory. */
    public static StoredKnowledge inMemory(List<Document> documents) {
        KnowledgeStore store = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(), MiniLm.model()).build();
        return new StoredKnowledge(store, MemoryScope.session("knowledge")).load(documents);
    }

    /** Stores (or replaces, by id) {@code documents} in this knowledge's scope; returns this. */
    public StoredKnowledge load(List<Document> documents) {
        documents.forEach(d -> store.add(scope, d));
        return this;
    }

    @Override
    public List<Passage> search(String question, int max) {
        return store.recall(scope, KnowledgeQuery.of(question).topK(max)).stream().map(StoredKnowledge::passage).toList();
    }

    private static Passage passage(Recollection r) {
        String asked = r.metadata().get(FaqDocuments.QUESTION);
        String text = asked != null && r.text().startsWith(asked + "\n") ? r.text().substring(asked.length() + 1) : r.text();
        return new Passage(text.strip(), r.metadata().getOrDefault(FaqDocuments.SOURCE, r.documentId()), r.score());
    }
}
