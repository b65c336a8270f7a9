package dev.praxis.memory;

import dev.praxis.testing.HashingEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiverseRecallTest {

    private static final MemoryScope SCOPE = MemoryScope.session("kb");

    private final KnowledgeStore store = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(),
            new HashingEmbeddingModel()).build();

    DiverseRecallTest() {
        store.add(SCOPE, Document.of("a", "returns are free within 30 days of delivery"));
        store.add(SCOPE, Document.of("a-copy", "returns are free within 30 days of delivery"));
        store.add(SCOPE, Document.of("b", "opened items cost a fee"));
        store.add(SCOPE, Document.of("c", "our shop opens at nine"));
    }

    @Test
    void plainRecallReturnsNearDuplicatesTogether() {
        List<Recollection> top = store.recall(SCOPE, KnowledgeQuery.of("returns free days fee opened").topK(2));

        assertThat(top).extracting(Recollection::documentId).containsExactlyInAnyOrder("a", "a-copy");
    }

    @Test
    void diverseRecallSwapsTheDuplicateForTheNextDifferentAnswer() {
        List<Recollection> top = store.recall(SCOPE, KnowledgeQuery.of("returns free days fee opened").topK(2)
                .diverse(0.5));

        assertThat(top).extracting(Recollection::documentId).hasSize(2).contains("b")
                .containsAnyOf("a", "a-copy").doesNotContain("c");
    }

    @Test
    void diversityOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> KnowledgeQuery.of("x").diverse(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diversity");
    }
}
