package dev.praxis.examples.docs;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.praxis.ingest.DocumentLoader;
import dev.praxis.ingest.IngestException;
import dev.praxis.ingest.LoadLimits;
import dev.praxis.ingest.StructureChunker;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.store.embedding.LocalEmbeddings;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The code of docs/ingestion.md, run with the real MiniLM model and a real SQLite file. */
class IngestionSnippets {

    @TempDir
    Path dir;

    @Test
    void loadChunkStoreAndRecallWithTheHeadingPath() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("returns.md"), """
                # Returns
                ## Refunds
                Refunds reach your card within 14 days of the parcel arriving.
                ## Labels
                Print the prepaid label from your order page.
                """);
        MemoryScope scope = MemoryScope.of("support", "kb");
        // tag::ingest[]
        EmbeddingModel model = LocalEmbeddings.allMiniLm();
        try (JdbcStore db = SqliteStore.open(dir.resolve("kb.db"))) {
            KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(db.vectors(), model)
                    .chunker(StructureChunker.of(300, 40))          // by headings and paragraphs, ≤ 300 tokens
                    .build();
            Path file = docs.resolve("returns.md");
            Document doc = DocumentLoader.forSource(file.toString(), LoadLimits.standard()).load(file);
            knowledge.add(scope, doc);                                // again later: replaces every old chunk

            Recollection hit = knowledge.recall(scope, KnowledgeQuery.of("when is my money back?").topK(1)).get(0);
            hit.metadata().get(StructureChunker.HEADINGS);            // "Returns > Refunds"
            hit.metadata().get(DocumentLoader.SOURCE);                // ".../docs/returns.md"
            // end::ingest[]

            assertThat(hit.metadata()).containsEntry(StructureChunker.HEADINGS, "Returns > Refunds")
                    .containsEntry(DocumentLoader.SOURCE, file.toString());
            assertThat(hit.text()).contains("14 days");
        }
    }

    @Test
    void hostileFilesFailWithTheirProblem() throws IOException {
        Path file = Files.write(dir.resolve("huge.html"), new byte[2_000_000]);
        // tag::limits[]
        LoadLimits limits = LoadLimits.standard().withMaxBytes(1_000_000).withMaxPages(200);
        try {
            DocumentLoader.forSource(file.toString(), limits).load(file);
        } catch (IngestException e) {
            e.problem();                                              // TOO_LARGE
        }
        // end::limits[]
        assertThatThrownBy(() -> DocumentLoader.forSource(file.toString(), limits).load(file))
                .isInstanceOfSatisfying(IngestException.class,
                        e -> assertThat(e.problem()).isEqualTo(IngestException.Problem.TOO_LARGE));
    }
}
