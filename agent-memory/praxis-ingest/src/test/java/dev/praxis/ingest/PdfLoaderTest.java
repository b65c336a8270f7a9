package dev.praxis.ingest;

import dev.praxis.ingest.IngestException.Problem;
import dev.praxis.memory.Document;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PDF loader on PDFs these tests write with PDFBox: pages, metadata, and hostile files. */
class PdfLoaderTest {

    private static final LoadLimits LIMITS = LoadLimits.standard();

    @Test
    void readsTextPageByPageWithTitleAndPageCount() throws IOException {
        byte[] pdf = pdf("Device manual", List.of(
                List.of("Charging", "Charge the device for two hours before first use."),
                List.of("Cleaning", "Wipe the screen with a dry cloth.")));

        Document doc = load("manual.pdf", pdf, LIMITS);

        assertThat(doc.metadata()).containsEntry(DocumentLoader.TITLE, "Device manual")
                .containsEntry(DocumentLoader.PAGES, "2").containsEntry(DocumentLoader.CONTENT_TYPE, "application/pdf");
        String[] pages = doc.text().split("\f");
        assertThat(pages).hasSize(2);
        assertThat(pages[0]).contains("Charging").contains("Charge the device for two hours").doesNotContain("dry cloth");
        assertThat(pages[1]).contains("Wipe the screen with a dry cloth.");
    }

    @Test
    void aCompressionBombIsRefusedButTheSameFileLoadsUnderAHigherLimit() throws IOException {
        byte[] bomb = bomb(4_000_000);
        assertThat(bomb.length).as("compressed size").isLessThan(50_000);

        assertThatThrownBy(() -> load("bomb.pdf", bomb, LIMITS.withMaxStreamBytes(1_000_000)))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE))
                .hasMessageContaining("expand past 1000000 bytes");
        assertThat(load("bomb.pdf", bomb, LIMITS).text()).isEqualTo("padded");
    }

    @Test
    void tooManyPagesAreRefused() throws IOException {
        byte[] pdf = pdf("t", List.of(List.of("one"), List.of("two"), List.of("three")));

        assertThatThrownBy(() -> load("long.pdf", pdf, LIMITS.withMaxPages(2)))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.TOO_LARGE))
                .hasMessageContaining("3 pages, more than 2");
    }

    @Test
    void passwordProtectedDamagedAndImageOnlyPdfsFailWithTheirProblem() throws IOException {
        byte[] locked;
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf("secret", List.of(List.of("classified"))))) {
            doc.protect(new StandardProtectionPolicy("owner", "user-password", new AccessPermission()));
            locked = save(doc);
        }
        assertThatThrownBy(() -> load("locked.pdf", locked, LIMITS))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.ENCRYPTED));

        byte[] garbage = "%PDF-1.7\nthis is not really a PDF".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> load("garbage.pdf", garbage, LIMITS))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
                .hasMessageContaining("garbage.pdf");

        byte[] blank;
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            blank = save(doc);
        }
        assertThatThrownBy(() -> load("scan.pdf", blank, LIMITS))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY))
                .hasMessageContaining("OCR");
    }

    static Document load(String source, byte[] pdf, LoadLimits limits) {
        return new PdfLoader(limits).load(source, new ByteArrayInputStream(pdf));
    }

    /** A PDF with one page per entry, each line of the page a paragraph of its own. */
    static byte[] pdf(String title, List<List<String>> pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 700);
                    for (String line : lines) {
                        text.showText(line);
                        text.newLineAtOffset(0, -36);
                    }
                    text.endText();
                }
            }
            doc.getDocumentInformation().setTitle(title);
            return save(doc);
        }
    }

    /** One page whose Flate-compressed content stream expands to {@code padding} bytes of spaces around one word. */
    private static byte[] bomb(int padding) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("F1"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            page.setResources(resources);
            PDStream content = new PDStream(doc);
            try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
                out.write("BT /F1 12 Tf 72 700 Td (padded) Tj ET".getBytes(StandardCharsets.US_ASCII));
                byte[] spaces = new byte[64 * 1024];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (int written = 0; written < padding; written += spaces.length) {
                    out.write(spaces);
                }
            }
            page.setContents(content);
            doc.addPage(page);
            return save(doc);
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
