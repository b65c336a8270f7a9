package dev.praxis.store.langchain4j;

import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.praxis.memory.EmbeddingStoreVectorStore;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.testing.contract.VectorStoreContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole vector store contract, kept by LangChain4j's in-memory EmbeddingStore behind the bridge. */
class LangChain4jInMemoryStoreTest extends VectorStoreContract {

    private InMemoryEmbeddingStore<dev.langchain4j.data.segment.TextSegment> entries;

    @Override
    protected VectorStore createStore() {
        entries = new InMemoryEmbeddingStore<>();
        return EmbeddingStoreVectorStore.over(entries, HashingEmbeddingModel.vector("x").length);
    }

    @Test
    void eachRecordIsOneEntryWithItsScopeAndIdInTheSegmentMetadata() {
        store.replaceDocument(KNOWLEDGE, ALICE, "d", List.of(record(ALICE, "d", 0, "tea at five")));

        var matches = entries.search(dev.langchain4j.store.embedding.EmbeddingSearchRequest.builder()
                .queryEmbedding(dev.langchain4j.data.embedding.Embedding.from(HashingEmbeddingModel.vector("tea")))
                .build()).matches();

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.embedded().text()).isEqualTo("tea at five");
            assertThat(m.embedded().metadata().getString("praxis_scope")).isEqualTo(ALICE.key());
            assertThat(m.embedded().metadata().getString("praxis_id")).isEqualTo(ALICE.key() + "#d#0");
            assertThat(m.embedded().metadata().getString("lang")).isEqualTo("en");
        });
    }

    @Test
    void reservedKeysAndBlankTextAreRefused() {
        var reserved = new VectorRecord("r", ALICE, "r", "text", Map.of("praxis_scope", "someone else"),
                HashingEmbeddingModel.vector("text"), VectorRecord.NEVER);
        var blank = new VectorRecord("b", ALICE, "b", " ", Map.of(), HashingEmbeddingModel.vector("b"), VectorRecord.NEVER);

        assertThatThrownBy(() -> store.replaceDocument(KNOWLEDGE, ALICE, "r", List.of(reserved)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> store.replaceDocument(KNOWLEDGE, ALICE, "b", List.of(blank)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank content");
        assertThat(store.count(KNOWLEDGE)).isZero();
    }

    @Test
    void entriesNotWrittenByPraxisAreReportedNotMisread() {
        entries.add(dev.langchain4j.data.embedding.Embedding.from(HashingEmbeddingModel.vector("foreign")),
                dev.langchain4j.data.segment.TextSegment.from("foreign",
                        dev.langchain4j.data.document.Metadata.from("praxis_collection", "knowledge")));

        assertThatThrownBy(() -> store.count(KNOWLEDGE)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("not written by Praxis");
    }
}
