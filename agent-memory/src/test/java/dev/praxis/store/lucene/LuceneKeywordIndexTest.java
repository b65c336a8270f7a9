package dev.praxis.store.lucene;

import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.KeywordIndex;
import dev.praxis.memory.KeywordIndex.Entry;
import dev.praxis.memory.KnowledgeQuery;
import dev.praxis.memory.KnowledgeStore;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Recollection;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.testing.HashingEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuceneKeywordIndexTest {

    private static final MemoryScope SHOP = MemoryScope.session("shop");
    private static final MemoryScope OTHER = MemoryScope.of("bob", "notes");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static void fill(KeywordIndex index) {
        index.replaceDocument("k", SHOP, "kettles", List.of(
                new Entry("k1", "Our kettles boil water in two minutes.", Map.of("topic", "products")),
                new Entry("k2", "Descale kettles every month with vinegar.", Map.of("topic", "care"))));
        index.replaceDocument("k", SHOP, "errors", List.of(
                new Entry("e1", "Display code E1042 means the heating element overheated.", Map.of("topic", "care"))));
        index.replaceDocument("k", SHOP, "refunds", List.of(
                new Entry("r1", "Refund policies: refunds reach the card within 14 days.", Map.of("topic", "billing"))));
        index.replaceDocument("k", OTHER, "private", List.of(
                new Entry("p1", "Bob's kettle shows code E1042 again.", Map.of())));
    }

    private static List<String> ids(List<KeywordIndex.Hit> hits) {
        return hits.stream().map(KeywordIndex.Hit::recordId).toList();
    }

    @Test
    void ranksByBm25WithPluralsFoldedAndStopWordsIgnored() {
        try (var index = LuceneKeywordIndex.inMemory()) {
            fill(index);

            assertThat(ids(index.search("k", List.of(SHOP), "what is the refund policy", Map.of(), 5)))
                    .containsExactly("r1");
            assertThat(ids(index.search("k", List.of(SHOP), "kettle descale", Map.of(), 5)))
                    .containsExactly("k2", "k1");
            assertThat(index.search("k", List.of(SHOP), "the and of", Map.of(), 5)).isEmpty();
        }
    }

    @Test
    void seesOnlyTheNamedScopesAndMatchingMetadata() {
        try (var index = LuceneKeywordIndex.inMemory()) {
            fill(index);

            assertThat(ids(index.search("k", List.of(SHOP), "E1042 kettle", Map.of(), 5))).doesNotContain("p1");
            assertThat(ids(index.search("k", List.of(SHOP, OTHER), "E1042", Map.of(), 5)))
                    .containsExactlyInAnyOrder("e1", "p1");
            assertThat(ids(index.search("k", List.of(SHOP), "kettles", Map.of("topic", "products"), 5)))
                    .containsExactly("k1");
            assertThat(index.search("other", List.of(SHOP), "kettles", Map.of(), 5)).isEmpty();
        }
    }

    @Test
    void replacingADocumentDropsItsOldChunksAndForgetErasesAPerson() {
        try (var index = LuceneKeywordIndex.open(dir.resolve("kw"))) {
            fill(index);

            index.replaceDocument("k", SHOP, "kettles", List.of(new Entry("k9", "Kettles now boil in one minute.",
                    Map.of())));
            assertThat(ids(index.search("k", List.of(SHOP), "descale kettles", Map.of(), 5))).containsExactly("k9");
            assertThat(index.deleteDocument("k", SHOP, "kettles")).isEqualTo(1);
            assertThat(index.forget(OTHER.tenant(), OTHER.user())).isEqualTo(1);
            assertThat(index.search("k", List.of(OTHER), "E1042", Map.of(), 5)).isEmpty();
        }
        try (var reopened = LuceneKeywordIndex.open(dir.resolve("kw"))) {
            assertThat(ids(reopened.search("k", List.of(SHOP), "refunds", Map.of(), 5))).containsExactly("r1");
        }
    }

    @Test
    void maskedIndexRanksLikeAReadableOneButHoldsNoWord() throws IOException {
        try (var plain = LuceneKeywordIndex.open(dir.resolve("plain"));
             var masked = LuceneKeywordIndex.masked(dir.resolve("masked"), KEY)) {
            fill(plain);
            fill(masked);

            for (String query : List.of("refund policy", "kettle descale", "E1042 overheated", "boil water")) {
                assertThat(masked.search("k", List.of(SHOP), query, Map.of(), 5))
                        .as(query).isEqualTo(plain.search("k", List.of(SHOP), query, Map.of(), 5));
            }
            assertThat(masked.masksTerms()).isTrue();
        }
        assertThat(filesContain(dir.resolve("plain"), "overheated")).isTrue();
        assertThat(filesContain(dir.resolve("masked"), "overheated")).isFalse();
        assertThat(filesContain(dir.resolve("masked"), "vinegar")).isFalse();
    }

    @Test
    void maskingNeedsARealKey() {
        assertThatThrownBy(() -> LuceneKeywordIndex.masked(dir.resolve("x"), new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void hybridRecallOnAnEncryptedSqliteStoreFindsAnExactCodeTheVectorsMiss() {
        ContentCipher cipher = ContentCipher.aesGcm(KEY);
        try (JdbcStore sqlite = SqliteStore.open(dir.resolve("knowledge.db"));
             var index = LuceneKeywordIndex.masked(dir.resolve("keywords"), KEY)) {
            KnowledgeStore store = EmbeddingKnowledgeStore.builder(sqlite.vectors(), new HashingEmbeddingModel())
                    .cipher(cipher).keywordIndex(index).build();
            for (int i = 0; i < 4; i++) {
                store.add(SHOP, Document.of("kettle-" + i, "The kettle display shows the kettle water temperature"
                        + " and the kettle timer, model " + i + "."));
            }
            store.add(SHOP, Document.of("codes", "Code E1042 means the heating element overheated; unplug it"
                    + " and wait."));
            String question = "kettle display shows E1042";

            List<Recollection> vectors = store.recall(SHOP, KnowledgeQuery.of(question).topK(3));
            List<Recollection> hybrid = store.recall(SHOP, KnowledgeQuery.of(question).topK(3).withKeywords());

            assertThat(vectors).extracting(Recollection::documentId).doesNotContain("codes");
            assertThat(hybrid).extracting(Recollection::documentId).contains("codes");
            assertThat(hybrid).filteredOn(r -> r.documentId().equals("codes")).singleElement()
                    .satisfies(r -> assertThat(r.text()).startsWith("Code E1042 means the heating element"));
            assertThat(hybrid).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void anEncryptingStoreRefusesAReadableKeywordIndex() {
        try (JdbcStore sqlite = SqliteStore.open(dir.resolve("knowledge.db"));
             var index = LuceneKeywordIndex.inMemory()) {
            var builder = EmbeddingKnowledgeStore.builder(sqlite.vectors(), new HashingEmbeddingModel())
                    .cipher(ContentCipher.aesGcm(KEY)).keywordIndex(index);

            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mask its terms");
        }
    }

    private static boolean filesContain(Path folder, String word) throws IOException {
        byte[] needle = word.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
