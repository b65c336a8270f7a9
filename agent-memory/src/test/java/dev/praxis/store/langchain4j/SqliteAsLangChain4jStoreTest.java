package dev.praxis.store.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.VectorStoreEmbeddingStore;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.testing.HashingEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SQLite store used as a LangChain4j EmbeddingStore: LangChain4j's own ingestor and content
 * retriever work on it, and every search answers what LangChain4j's in-memory store answers for
 * the same entries.
 */
class SqliteAsLangChain4jStoreTest {

    private static final MemoryScope SCOPE = MemoryScope.of("alice", "kb");
    private static final List<String> FRUITS = List.of("red apples", "green apples", "yellow bananas",
            "ripe pears", "sour lemons", "sweet cherries");

    @TempDir
    Path dir;

    private JdbcStore sqlite;
    private EmbeddingStore<TextSegment> praxis;
    private final InMemoryEmbeddingStore<TextSegment> reference = new InMemoryEmbeddingStore<>();

    @BeforeEach
    void open() {
        sqlite = SqliteStore.open(dir.resolve("kb.db"));
        praxis = VectorStoreEmbeddingStore.over(sqlite.vectors(), "docs", SCOPE);
        for (int i = 0; i < FRUITS.size(); i++) {
            String fruit = FRUITS.get(i);
            TextSegment segment = TextSegment.from(fruit, Metadata.from("colour", fruit.split(" ")[0])
                    .put("rank", i).put("kind", fruit.split(" ")[1]));
            Embedding embedding = Embedding.from(HashingEmbeddingModel.vector(fruit));
            praxis.addAll(List.of("id-" + i), List.of(embedding), List.of(segment));
            reference.addAll(List.of("id-" + i), List.of(embedding), List.of(segment));
        }
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    @Test
    void searchesAnswerLikeLangChain4jsInMemoryStoreWithAndWithoutFilters() {
        List<Filter> filters = java.util.Arrays.asList(null, metadataKey("kind").isEqualTo("apples"),
                metadataKey("rank").isGreaterThanOrEqualTo(3), metadataKey("colour").isIn("red", "ripe", "sweet"),
                metadataKey("kind").isNotEqualTo("apples").and(metadataKey("rank").isLessThan(5)),
                metadataKey("colour").isEqualTo("red").or(metadataKey("colour").isEqualTo("sour")));
        for (Filter filter : filters) {
            for (String query : List.of("apples", "yellow fruit", "cherries")) {
                EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(HashingEmbeddingModel.vector(query)))
                        .maxResults(3).minScore(0.5).filter(filter).build();

                List<EmbeddingMatch<TextSegment>> ours = praxis.search(request).matches();
                List<EmbeddingMatch<TextSegment>> theirs = reference.search(request).matches();

                // equal scores may come in either order: compare the scores, and the ids above the last score
                assertThat(ours).as("%s with %s", query, filter).hasSameSizeAs(theirs);
                for (int i = 0; i < ours.size(); i++) {
                    assertThat(ours.get(i).score()).isCloseTo(theirs.get(i).score(), org.assertj.core.data.Offset.offset(1e-5));
                }
                assertThat(clearWinners(ours)).as("%s with %s", query, filter).isEqualTo(clearWinners(theirs));
            }
        }
    }

    @Test
    void removalsByIdAndByFilterLeaveTheRest() {
        praxis.remove("id-0");
        praxis.removeAll(metadataKey("kind").isEqualTo("bananas").or(metadataKey("rank").isGreaterThan(4)));

        assertThat(all()).containsExactlyInAnyOrder("green apples", "ripe pears", "sour lemons");
        assertThat(sqlite.vectors().count("docs")).isEqualTo(3);

        praxis.removeAll();
        assertThat(sqlite.vectors().count("docs")).isZero();
    }

    @Test
    void langChain4jsIngestorAndRetrieverWorkOnPraxisStorage() {
        var model = new HashingEmbeddingModel();
        EmbeddingStore<TextSegment> store = VectorStoreEmbeddingStore.over(sqlite.vectors(), "manuals", SCOPE);
        EmbeddingStoreIngestor.builder().documentSplitter(DocumentSplitters.recursive(60, 0))
                .embeddingModel(model).embeddingStore(store).build()
                .ingest(Document.from("The kettle boils water in two minutes. Descale the kettle monthly with vinegar.",
                        Metadata.from("product", "kettle")));

        List<Content> found = EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model)
                .maxResults(1).build().retrieve(Query.from("how do I descale with vinegar?"));

        assertThat(sqlite.vectors().count("manuals")).isEqualTo(2);
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.textSegment().text()).contains("Descale");
            assertThat(c.textSegment().metadata().getString("product")).isEqualTo("kettle");
        });
    }

    @Test
    void entriesWithoutTextComeBackWithoutASegment() {
        String id = praxis.add(Embedding.from(HashingEmbeddingModel.vector("bare")));

        var match = praxis.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(HashingEmbeddingModel.vector("bare"))).maxResults(1).build()).matches();

        assertThat(match).singleElement().satisfies(m -> {
            assertThat(m.embeddingId()).isEqualTo(id);
            assertThat(m.embedded()).isNull();
        });
    }

    /** id to text of the matches scoring clearly above the last one. */
    private static java.util.Map<String, String> clearWinners(List<EmbeddingMatch<TextSegment>> matches) {
        java.util.Map<String, String> winners = new java.util.HashMap<>();
        double last = matches.isEmpty() ? 0 : matches.get(matches.size() - 1).score();
        matches.stream().filter(m -> m.score() > last + 1e-5).forEach(m -> winners.put(m.embeddingId(), m.embedded().text()));
        return winners;
    }

    private List<String> all() {
        return praxis.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(HashingEmbeddingModel.vector("x")))
                .maxResults(100).minScore(0.0).build()).matches().stream().map(m -> m.embedded().text()).toList();
    }
}
