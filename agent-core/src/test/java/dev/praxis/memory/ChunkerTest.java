package dev.praxis.memory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkerTest {

    @Test
    void shortTextIsOneChunk() {
        assertThat(new Chunker(100, 10).split("  just a line  ")).containsExactly("just a line");
    }

    @Test
    void chunksFitTheLimitOverlapAndCoverEveryWord() {
        String text = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
                + "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu";
        List<String> chunks = new Chunker(40, 12).split(text);

        assertThat(chunks).hasSizeGreaterThan(3).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(40));
        for (String word : text.split(" ")) {
            assertThat(chunks).anySatisfy(c -> assertThat(c.split(" ")).contains(word));
        }
        for (int i = 1; i < chunks.size(); i++) {
            String[] previous = chunks.get(i - 1).split(" ");
            String first = chunks.get(i).split(" ")[0];
            assertThat(chunks.get(i)).contains(previous[previous.length - 1]);
            assertThat(previous).contains(first);
        }
    }

    @Test
    void cutsTextWithoutSpacesAtTheLimit() {
        List<String> chunks = new Chunker(20, 5).split("x".repeat(50));

        assertThat(chunks).allSatisfy(c -> assertThat(c).hasSizeLessThanOrEqualTo(20));
        assertThat(String.join("", chunks).length()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void rejectsOverlapThatWouldNotAdvance() {
        assertThatThrownBy(() -> new Chunker(40, 20)).hasMessageContaining("overlap");
    }
}
