package dev.praxis.ingest;

import dev.praxis.ingest.IngestException.Problem;
import dev.praxis.ingest.internal.CanonicalText;
import dev.praxis.ingest.internal.Input;
import dev.praxis.ingest.internal.StreamBudget;
import dev.praxis.memory.Document;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * PDF text with PDFBox, page by page (pages separated by a form feed, so each chunk of
 * {@link StructureChunker} knows its page). Before any text is extracted, the page count is
 * checked against {@link LoadLimits#maxPages()} and every compressed stream is expanded, counting
 * bytes, against {@link LoadLimits#maxStreamBytes()}, so a compression bomb fails as
 * {@link Problem#TOO_LARGE} in bounded memory. Password-protected files fail as
 * {@link Problem#ENCRYPTED}, damaged ones as {@link Problem#MALFORMED}, image-only ones as
 * {@link Problem#EMPTY}. Title: the document information's title, else the source.
 */
public final class PdfLoader implements DocumentLoader {

    private final LoadLimits limits;

    /** Reads PDF within {@code limits}. */
    public PdfLoader(LoadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Document load(String source, InputStream content) {
        byte[] bytes = Input.read(source, content, limits.maxBytes());
        try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(limits.maxStreamBytes()).streamCache)) {
            int pages = pdf.getNumberOfPages();
            if (pages > limits.maxPages()) {
                throw new IngestException(Problem.TOO_LARGE, source, pages + " pages, more than " + limits.maxPages());
            }
            new StreamBudget(source, limits.maxStreamBytes()).check(pdf.getDocument());
            CanonicalText text = text(source, pdf, pages);
            if (text.isBlank()) {
                throw new IngestException(Problem.EMPTY, source, "no text layer (a scanned PDF needs OCR first)");
            }
            String title = pdf.getDocumentInformation().getTitle();
            title = title == null || title.isBlank() ? source : CanonicalText.collapse(title);
            return new Document(source, text.toString(), Map.of(SOURCE, source, TITLE, title,
                    CONTENT_TYPE, "application/pdf", PAGES, Integer.toString(pages)), Duration.ZERO);
        } catch (InvalidPasswordException e) {
            throw new IngestException(Problem.ENCRYPTED, source, "the PDF is password-protected", e);
        } catch (IOException e) {
            throw new IngestException(Problem.MALFORMED, source, "not a readable PDF: " + e.getMessage(), e);
        }
    }

    private CanonicalText text(String source, PDDocument pdf, int pages) throws IOException {
        CanonicalText text = new CanonicalText(source, limits.maxChars());
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setLineSeparator("\n");
        stripper.setParagraphEnd("\n\n");
        for (int page = 1; page <= pages; page++) {
            if (page > 1) {
                text.pageBreak();
            }
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            for (String block : stripper.getText(pdf).split("\\n\\s*\\n")) {
                text.paragraph(block);
            }
        }
        return text;
    }
}
