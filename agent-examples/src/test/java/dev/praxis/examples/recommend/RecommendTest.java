package dev.praxis.examples.recommend;

import dev.praxis.examples.ExampleContext;
import dev.praxis.examples.offline.MiniLm;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MemoryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendTest {

    @TempDir
    Path data;

    @Test
    void aDislikeChangesTheNextRecommendation() {
        var librarian = librarian(MemoryScope.of("ann", "club"));
        librarian.rememberPreference("science fiction about space and survival");

        List<Librarian.Pick> before = librarian.recommend("What should I read next?");
        librarian.rateBook("The Martian", Librarian.Verdict.DISLIKED);
        List<Librarian.Pick> after = librarian.recommend("What should I read next?");

        assertThat(before.get(0).title()).isEqualTo("The Martian");
        assertThat(after).extracting(Librarian.Pick::title).doesNotContain("The Martian");
        assertThat(after.get(0).title()).isNotEqualTo(before.get(1).title());      // not just the runner-up moving up
        assertThat(score(after, "Project Hail Mary")).isLessThan(score(before, "Project Hail Mary") - 0.2);
        assertThat(after.stream().filter(p -> p.title().equals("Project Hail Mary")).findFirst().orElseThrow().reasons())
                .contains("similar to The Martian, which you disliked (moved down)");
    }

    @Test
    void aLikeMovesSimilarBooksUpAndEveryPickNamesItsReasonsAndSources() {
        var librarian = librarian(MemoryScope.of("bo", "club"));
        librarian.rememberPreference("classic detective mysteries");
        double before = score(librarian.recommend("a book please"), "The Hound of the Baskervilles");

        librarian.rateBook("Murder on the Orient Express", Librarian.Verdict.LIKED);
        List<Librarian.Pick> after = librarian.recommend("a book please");

        assertThat(score(after, "The Hound of the Baskervilles")).isGreaterThan(before);
        assertThat(after.get(0).sources()).anyMatch(s -> s.startsWith("catalogue.md#"))
                .contains("your preference-classic-detective-mysteries", "your rating-murder-on-the-orient-express");
        assertThat(after.get(0).reasons()).contains("you said you like \"classic detective mysteries\"");
    }

    @Test
    void preferencesAreOnePersonsAndTheDemoRatesAndRecommendsAgainOffline() throws Exception {
        var bytes = new ByteArrayOutputStream();
        new Recommend().run(ExampleContext.of(new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of(), data));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("-> remember_preference").contains("-> rate_book {\"title\":\"The Martian\",\"verdict\":\"DISLIKED\"}")
                .contains("1. The Martian").contains("(sources: catalogue.md#");
        String second = out.substring(out.indexOf("noted: you disliked The Martian"));
        assertThat(second).contains("-> recommend_books").doesNotContain("1. The Martian");
        assertThat(librarian(MemoryScope.of("someone-else", "club")).recommend("anything").get(0).reasons())
                .noneMatch(r -> r.contains("you said"));
    }

    private static Librarian librarian(MemoryScope reader) {
        var store = EmbeddingKnowledgeStore.builder(new InMemoryVectorStore(), MiniLm.model()).build();
        return new Librarian(store, Recommend.CATALOGUE, reader, Recommend.catalogue());
    }

    private static double score(List<Librarian.Pick> picks, String title) {
        return picks.stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow(
                () -> new AssertionError(title + " not among " + picks)).score();
    }
}
