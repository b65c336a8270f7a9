package dev.praxis.examples.docs;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.EmbeddingStoreVectorStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.memory.VectorStore;
import dev.praxis.memory.VectorStoreEmbeddingStore;
import dev.praxis.store.embedding.LocalEmbeddings;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/memory.md's LangChain4j section, with the real MiniLM model and a real SQLite file. */
class LangChain4jSnippets {

    private static final EmbeddingModel MODEL = LocalEmbeddings.allMiniLm();

    @TempDir
    Path dir;

    @Test
    void praxisKnowledgeInALangChain4jEmbeddingStore() {
        EmbeddingModel model = MODEL;
        MemoryScope scope = MemoryScope.of("alice", "kb");
        // tag::their-store[]
        EmbeddingStore<TextSegment> theirs = new InMemoryEmbeddingStore<>();   // or PgVectorEmbeddingStore, ...
        VectorStore vectors = EmbeddingStoreVectorStore.over(theirs, model.dimension());
        KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(vectors, model).build();
        knowledge.add(scope, Document.of("refunds", "Refunds are paid within 14 days."));
        List<Recollection> hits = knowledge.recall(scope, KnowledgeQuery.of("how long do refunds take?"));
        // end::their-store[]

        assertThat(hits).extracting(Recollection::documentId).containsExactly("refunds");
    }

    @Test
    void praxisStorageBehindLangChain4jsPipeline() {
        EmbeddingModel model = MODEL;
        MemoryScope scope = MemoryScope.of("alice", "kb");
        try (JdbcStore db = SqliteStore.open(dir.resolve("kb.db"))) {
            // tag::our-store[]
            EmbeddingStore<TextSegment> store = VectorStoreEmbeddingStore.over(db.vectors(), "manuals", scope);
            EmbeddingStoreIngestor.builder().embeddingModel(model).embeddingStore(store).build()
                    .ingest(dev.langchain4j.data.document.Document.from("Descale the kettle monthly with vinegar."));
            ContentRetriever retriever = EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model).build();
            List<Content> found = retriever.retrieve(Query.from("how do I clean the kettle?"));
            // end::our-store[]

            assertThat(found).singleElement().satisfies(c -> assertThat(c.textSegment().text()).contains("vinegar"));
            assertThat(db.vectors().count("manuals")).isEqualTo(1);
        }
    }
}
