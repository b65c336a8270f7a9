package dev.praxis.ingest;

import dev.praxis.memory.Chunk;
import dev.praxis.memory.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Structure and token chunking, sizes counted with the real cl100k_base tokenizer. */
class ChunkersTest {

    private static final TokenCounter TOKENS = TokenCounter.cl100k();

    @Test
    void structureChunksFollowSectionsAndKnowTheirHeadingPath() {
        List<Chunk> chunks = StructureChunker.of(200, 20).chunk(LoadersTest.load("returns.md"));

        assertThat(chunks).extracting(c -> c.metadata().get(StructureChunker.HEADINGS)).containsExactly(
                "Returns guide", "Returns guide > Refunds", "Returns guide > Shipping > Labels",
                "Returns guide > Shipping > Carriers");
        assertThat(chunks.get(1).text()).startsWith("## Refunds\n\nRefunds are paid")
                .endsWith("Store credit is issued the same day instead, if you ask for it.");
        assertThat(chunks.get(2).text()).as("a heading with no text of its own goes with the next section")
                .startsWith("## Shipping\n\n### Labels\n\nPrint the prepaid label")
                .contains("# this is a shell comment, not a heading").doesNotContain("Parcel");
        assertThat(chunks.get(3).text()).contains("Parcel lockers").contains("Opening hours").doesNotContain("Labels");
    }

    @Test
    void htmlSectionsBecomeChunksWithTheirHeadingsAndAnEscapedHashStaysText() {
        List<Chunk> chunks = StructureChunker.of(200, 20).chunk(LoadersTest.load("warranty.html"));

        assertThat(chunks).extracting(c -> c.metadata().get(StructureChunker.HEADINGS))
                .containsExactly("Warranty", "Warranty > Claims", "Warranty > Exclusions");
        assertThat(chunks.get(2).text()).contains("Water damage").contains("# of claims per year");
    }

    @Test
    void aParagraphLongerThanAChunkIsCutByTokensWithOverlapOthersStayWhole() {
        String longParagraph = sentences(60);
        Document doc = Document.of("d", "# Policy\n\nShort intro.\n\n" + longParagraph + "\n\nShort outro.");

        List<Chunk> chunks = StructureChunker.of(60, 15).chunk(doc);

        assertThat(chunks).allSatisfy(c -> assertThat(TOKENS.count(c.text())).isLessThanOrEqualTo(60))
                .allSatisfy(c -> assertThat(c.metadata()).containsEntry(StructureChunker.HEADINGS, "Policy"));
        assertThat(chunks.get(0).text()).isEqualTo("# Policy\n\nShort intro.");
        assertThat(chunks.get(chunks.size() - 1).text()).isEqualTo("Short outro.");
        List<Chunk> cut = chunks.subList(1, chunks.size() - 1);
        assertThat(cut).hasSizeGreaterThan(3);
        for (int i = 1; i < cut.size(); i++) {
            String previous = cut.get(i - 1).text();
            String tail = previous.substring(previous.lastIndexOf(' ') + 1);
            assertThat(cut.get(i).text()).as("chunk %d repeats the end of the one before", i).contains(tail);
        }
    }

    @Test
    void pdfChunksKnowTheirPageAndNeverSpanTwo() throws IOException {
        byte[] pdf = PdfLoaderTest.pdf("Manual", List.of(List.of("# Charging", "Two hours."), List.of("Cleaning", "Dry cloth.")));
        Document doc = PdfLoaderTest.load("manual.pdf", pdf, LoadLimits.standard());

        List<Chunk> chunks = StructureChunker.of(200, 20).chunk(doc);

        assertThat(chunks).extracting(c -> c.metadata().get(StructureChunker.PAGE)).containsExactly("1", "2");
        assertThat(chunks).allSatisfy(c -> assertThat(c.metadata()).doesNotContainKey(StructureChunker.HEADINGS));
        assertThat(chunks.get(0).text()).contains("Two hours.").doesNotContain("Dry cloth");
    }

    @Test
    void plainTextHasNoHeadings() {
        List<Chunk> chunks = StructureChunker.of(200, 20).chunk(LoadersTest.load("hours.txt"));

        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.metadata()).isEmpty();
            assertThat(c.text()).endsWith("# not a heading in plain text");
        });
    }

    @Test
    void chunkingIsDeterministic() {
        Document doc = LoadersTest.load("returns.md");

        assertThat(StructureChunker.of(40, 10).chunk(doc)).isEqualTo(StructureChunker.of(40, 10).chunk(doc));
        assertThat(TokenChunker.of(40, 10).chunk(doc)).isEqualTo(TokenChunker.of(40, 10).chunk(doc));
    }

    @Test
    void tokenChunksStayWithinTheBudgetOverlapAndCoverEveryWordInOrder() {
        List<String> words = java.util.stream.IntStream.range(0, 400).mapToObj(i -> "w" + i).toList();

        List<Chunk> chunks = TokenChunker.of(50, 10).chunk(Document.of("d", String.join(" ", words)));

        assertThat(chunks).hasSizeGreaterThan(5)
                .allSatisfy(c -> assertThat(TOKENS.count(c.text())).isBetween(1, 50));
        int end = 0;
        for (int i = 0; i < chunks.size(); i++) {
            List<String> own = List.of(chunks.get(i).text().split(" "));
            int start = words.indexOf(own.get(0));
            assertThat(words.subList(start, start + own.size())).isEqualTo(own);
            if (i == 0) {
                assertThat(start).isZero();
            } else {
                assertThat(start).as("chunk %d overlaps the one before", i).isLessThan(end)
                        .isGreaterThan(end - own.size());
            }
            end = start + own.size();
        }
        assertThat(end).as("the last chunk ends at the last word").isEqualTo(words.size());
    }

    @Test
    void aWordLongerThanAChunkIsCutInsideIt() {
        String blob = "QUJD".repeat(2000);

        List<Chunk> chunks = TokenChunker.of(64, 8).chunk(Document.of("b", "header " + blob + " footer"));

        assertThat(chunks).allSatisfy(c -> assertThat(TOKENS.count(c.text())).isLessThanOrEqualTo(64));
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList()).replace(" ", ""))
                .contains(blob.substring(0, 500));
        assertThat(chunks.get(chunks.size() - 1).text()).endsWith("footer");
    }

    @Test
    void sizesAreValidated() {
        assertThatThrownBy(() -> TokenChunker.of(8, 0)).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> StructureChunker.of(100, 50)).hasMessageContaining("0..49");
        assertThat(new Chunk("x", Map.of("k", "v")).metadata()).containsEntry("k", "v");
    }

    private static String sentences(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append("Sentence number ").append(i).append(" talks about parcel ").append(i * 7).append(". ");
        }
        return s.toString().strip();
    }
}
