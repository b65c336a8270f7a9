package dev.praxis.ingest;

import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.store.embedding.LocalEmbeddings;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.testing.HashingEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Loaded documents chunked by structure into a real SQLite store, ingested again, and recalled. */
class ReingestionTest {

    private static final MemoryScope SCOPE = MemoryScope.of("support", "kb");

    @TempDir
    Path dir;

    @Test
    void ingestingADocumentAgainLeavesOnlyItsNewChunksUnderStableIds() {
        try (JdbcStore store = SqliteStore.open(dir.resolve("kb.db"))) {
            KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), new HashingEmbeddingModel())
                    .chunker(StructureChunker.of(200, 20)).build();
            Document first = LoadersTest.load("returns.md");
            Document shorter = new MarkdownLoader(LoadLimits.standard()).load("returns.md", LoadersTest.utf8(
                    "# Returns guide\n\n## Refunds\n\nRefunds now take 5 days."));

            assertThat(knowledge.add(SCOPE, first)).isEqualTo(4);
            knowledge.add(SCOPE, LoadersTest.load("warranty.html"));
            List<String> idsBefore = ids(store, "returns.md");
            int stored = knowledge.add(SCOPE, shorter);

            assertThat(stored).isEqualTo(1);
            assertThat(ids(store, "returns.md")).containsExactly("default/support/default/kb#returns.md#0")
                    .isEqualTo(idsBefore.subList(0, 1));
            assertThat(store.vectors().count("knowledge")).isEqualTo(1 + 3);
            List<Recollection> hits = knowledge.recall(SCOPE, KnowledgeQuery.of("parcel lockers labels 14 days").topK(10));
            assertThat(hits).extracting(Recollection::text).noneMatch(t -> t.contains("Parcel") || t.contains("14 days"));
            assertThat(hits).filteredOn(h -> h.documentId().equals("returns.md")).singleElement()
                    .satisfies(h -> assertThat(h.text()).contains("5 days"));
        }
    }

    @Test
    void realEmbeddingsRecallTheRightSectionWithItsHeadingPath() {
        try (JdbcStore store = SqliteStore.open(dir.resolve("kb.db"))) {
            KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), LocalEmbeddings.allMiniLm())
                    .chunker(StructureChunker.of(200, 20)).build();
            knowledge.add(SCOPE, LoadersTest.load("returns.md"));
            knowledge.add(SCOPE, LoadersTest.load("warranty.html"));

            Recollection money = knowledge.recall(SCOPE, KnowledgeQuery.of("When do I get my money back?").topK(1)).get(0);
            Recollection broken = knowledge.recall(SCOPE, KnowledgeQuery.of("Is water damage covered?")
                    .topK(1)).get(0);

            assertThat(money.metadata()).containsEntry(StructureChunker.HEADINGS, "Returns guide > Refunds")
                    .containsEntry(DocumentLoader.TITLE, "Returns guide").containsEntry(DocumentLoader.SOURCE, "returns.md");
            assertThat(broken.metadata()).containsEntry(StructureChunker.HEADINGS, "Warranty > Exclusions");
        }
    }

    private static List<String> ids(JdbcStore store, String documentId) {
        List<String> ids = new ArrayList<>();
        store.vectors().forEach("knowledge", r -> {
            if (r.documentId().equals(documentId)) {
                ids.add(r.id());
            }
        });
        ids.sort(null);
        return ids;
    }

}
