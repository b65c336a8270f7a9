package dev.praxis.store.embedding;

import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real all-MiniLM-L6-v2 model, in process, over a real SQLite file: recall by meaning, not words. */
class LocalEmbeddingsTest {

    @TempDir
    Path dir;

    @Test
    void recallsByMeaningWithTheDefaultLocalModel() {
        var model = LocalEmbeddings.allMiniLm();
        var scope = MemoryScope.of("alice", "kb");
        try (JdbcStore store = SqliteStore.open(dir.resolve("memory.db"))) {
            var knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), model).build();
            knowledge.add(scope, Document.of("pets", "My cat sleeps on the sofa all afternoon."));
            knowledge.add(scope, Document.of("cars", "The car needs new tyres before winter."));
            knowledge.add(scope, Document.of("food", "Pasta should be cooked in salted boiling water."));

            List<Recollection> hits = knowledge.recall(scope, KnowledgeQuery.of("Where does the kitten nap?").topK(1));

            assertThat(model.dimension()).isEqualTo(LocalEmbeddings.MINILM_DIMENSION);
            assertThat(hits).singleElement().extracting(Recollection::documentId).isEqualTo("pets");
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        }
    }
}
