package dev.praxis.ingest;

import dev.praxis.ingest.IngestException.Problem;
import dev.praxis.memory.Document;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Markdown, HTML and text loaders on files written for these tests, and on hostile input. */
class LoadersTest {

    private static final LoadLimits LIMITS = LoadLimits.standard();

    @Test
    void markdownKeepsHeadingsParagraphsAndCodeButDropsScripts() {
        Document doc = load("returns.md");

        assertThat(doc.id()).isEqualTo("returns.md");
        assertThat(doc.metadata()).containsEntry(DocumentLoader.TITLE, "Returns guide")
                .containsEntry(DocumentLoader.CONTENT_TYPE, "text/markdown")
                .containsEntry(DocumentLoader.SOURCE, "returns.md");
        assertThat(doc.text()).startsWith("# Returns guide\n\nEverything about sending things back")
                .contains("\n\n## Refunds\n\nRefunds are paid to the original card within 14 days")
                .contains("### Labels")
                .contains("    # this is a shell comment, not a heading")
                .contains("- Parcel lockers accept returns up to 20 kg.")
                .contains("Opening hours: 9 to 17")
                .doesNotContain("alert").doesNotContain("<div>").doesNotContain("```");
    }

    @Test
    void htmlBecomesHeadingsAndParagraphsWithoutScriptsStylesOrFrames() {
        Document doc = load("warranty.html");

        assertThat(doc.metadata()).containsEntry(DocumentLoader.TITLE, "Warranty terms")
                .containsEntry(DocumentLoader.CONTENT_TYPE, "text/html");
        assertThat(doc.text()).contains("# Warranty\n\nEvery device has a two-year warranty from the date of purchase.")
                .contains("## Claims\n\nSend the device with its receipt.")
                .contains("- Keep the serial number.\n\n- Back up your data first.")
                .contains("## Exclusions\n\nWater damage is not covered.")
                .contains("\\# of claims per year: unlimited")
                .doesNotContain("cookie").doesNotContain("secret").doesNotContain("color")
                .doesNotContain("JavaScript").doesNotContain("ads.example");
    }

    @Test
    void malformedHtmlIsRepairedNotRejected() {
        String html = "<h1>Broken</h2><p>unclosed <b>bold <i>both</b> still text</i><div><<<>>>& tail</table>";

        Document doc = new HtmlLoader(LIMITS).load("broken.html", utf8(html));

        assertThat(doc.text()).isEqualTo("# Broken\n\nunclosed bold both still text\n\n<<<>>>& tail");
        assertThat(doc.metadata()).containsEntry(DocumentLoader.TITLE, "Broken");
    }

    @Test
    void htmlInTheCharsetItDeclaresIsDecodedAndBadBytesAreRefused() {
        byte[] latin1 = "<meta charset=\"iso-8859-1\"><p>Caf\u00e9 cr\u00e8me</p>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new HtmlLoader(LIMITS).load("latin.html", new ByteArrayInputStream(latin1)).text())
                .isEqualTo("Caf\u00e9 cr\u00e8me");

        byte[] mislabelled = "<p>Caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new HtmlLoader(LIMITS).load("mislabelled.html", new ByteArrayInputStream(mislabelled)))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_ENCODING))
                .hasMessageContaining("mislabelled.html").hasMessageContaining("offset 6").hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> new HtmlLoader(LIMITS).load("odd.html", utf8("<meta charset=klingon><p>x")))
                .hasMessageContaining("unknown charset 'klingon'");
    }

    @Test
    void plainTextKeepsParagraphsAndNormalisesLineEndings() {
        Document doc = load("hours.txt");

        assertThat(doc.text()).isEqualTo("Store opening hours\n\nMonday to Friday, 9 to 17.\nSaturday, 10 to 14.\n\n"
                + "# not a heading in plain text");
        assertThat(doc.metadata()).containsEntry(DocumentLoader.CONTENT_TYPE, "text/plain");
    }

    @Test
    void textThatIsNotUtf8OrIsBinaryIsRefusedNamingTheProblem() {
        byte[] latin1 = "na\u00efve".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new TextLoader(LIMITS).load("notes.txt", new ByteArrayInputStream(latin1)))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.BAD_ENCODING);
                    assertThat(e.source()).isEqualTo("notes.txt");
                })
                .hasMessageContaining("offset 2");
        assertThat(new TextLoader(LIMITS, StandardCharsets.ISO_8859_1)
                .load("notes.txt", new ByteArrayInputStream(latin1)).text()).isEqualTo("na\u00efve");

        assertThatThrownBy(() -> new TextLoader(LIMITS).load("image.txt", new ByteArrayInputStream(new byte[] {'G', 'I', 'F', 0, 1})))
                .hasMessageContaining("binary data");
    }

    @Test
    void inputOverTheLimitsIsRefusedBeforeItIsAllRead() {
        LoadLimits small = LIMITS.withMaxBytes(1000);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };

        assertThatThrownBy(() -> new MarkdownLoader(small).load("endless.md", endless))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE))
                .hasMessageContaining("more than 1000 bytes");
        assertThatThrownBy(() -> new HtmlLoader(LIMITS.withMaxChars(50)).load("long.html", utf8("<p>" + "word ".repeat(20))))
                .hasMessageContaining("more than 50 characters");
    }

    @Test
    void deeplyNestedMarkdownIsRefusedAsMalformedNotAStackOverflow() {
        String nested = ">".repeat(5000) + " deep";

        assertThatThrownBy(() -> new MarkdownLoader(LIMITS).load("deep.md", utf8(nested)))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
                .hasMessageContaining("nested more than 100");
    }

    @Test
    void documentsWithoutTextAreRefused() {
        assertThatThrownBy(() -> new HtmlLoader(LIMITS).load("empty.html", utf8("<script>only()</script><p>  </p>")))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY));
        assertThatThrownBy(() -> new TextLoader(LIMITS).load("blank.txt", utf8(" \n\n ")))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY));
    }

    @Test
    void theLoaderIsChosenByExtension() {
        assertThat(DocumentLoader.forSource("a/B.MD", LIMITS)).isInstanceOf(MarkdownLoader.class);
        assertThat(DocumentLoader.forSource("page.htm", LIMITS)).isInstanceOf(HtmlLoader.class);
        assertThat(DocumentLoader.forSource("manual.pdf", LIMITS)).isInstanceOf(PdfLoader.class);
        assertThat(DocumentLoader.forSource("notes.txt", LIMITS)).isInstanceOf(TextLoader.class);
        assertThatThrownBy(() -> DocumentLoader.forSource("sheet.xlsx", LIMITS))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED))
                .hasMessageContaining("'.xlsx'");
    }

    /** Loads a test file under its bare name as the source. */
    static Document load(String name) {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/docs", name))) {
            return DocumentLoader.forSource(name, LIMITS).load(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
