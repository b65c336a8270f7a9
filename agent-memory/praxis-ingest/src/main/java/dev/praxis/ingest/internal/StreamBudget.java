package dev.praxis.ingest.internal;

import dev.praxis.ingest.IngestException;
import dev.praxis.ingest.IngestException.Problem;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.zip.InflaterInputStream;

/**
 * Expands every stream of a PDF once, counting bytes against a budget, before text extraction
 * reads them: a compression bomb (kilobytes that inflate to gigabytes) is refused in constant
 * memory. Image streams are skipped; text extraction never decodes them. Not API.
 */
public final class StreamBudget {

    private static final Set<COSName> IMAGE_FILTERS = Set.of(COSName.DCT_DECODE, COSName.JPX_DECODE,
            COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE);

    private final String source;
    private final long maxBytes;
    private long used;

    /** A budget of {@code maxBytes} expanded bytes for {@code source}. */
    public StreamBudget(String source, long maxBytes) {
        this.source = source;
        this.maxBytes = maxBytes;
    }

    /** Expands each stream of {@code document}; fails with TOO_LARGE when the total passes the budget. */
    public void check(COSDocument document) throws IOException {
        for (COSObjectKey key : List.copyOf(document.getXrefTable().keySet())) {
            COSObject object = document.getObjectFromPool(key);
            COSBase base = object == null ? null : object.getObject();
            if (base instanceof COSStream stream && !isImage(stream)) {
                expand(stream);
            }
        }
    }

    private void expand(COSStream stream) throws IOException {
        List<COSName> filters = filters(stream.getFilters());
        boolean flateOnly = filters.size() == 1 && filters.get(0).equals(COSName.FLATE_DECODE);
        // Flate is read raw through the JDK's inflater so nothing is buffered; other filters are
        // decoded by PDFBox within the stream cache bounded by the same limit
        try (InputStream in = flateOnly ? new InflaterInputStream(stream.createRawInputStream())
                : filters.isEmpty() ? stream.createRawInputStream() : stream.createInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                used += n;
                if (used > maxBytes) {
                    throw new IngestException(Problem.TOO_LARGE, source, "its compressed streams expand past "
                            + maxBytes + " bytes (a compression bomb?)");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("a damaged Flate stream: " + e.getMessage(), e);
        }
    }

    private static boolean isImage(COSStream stream) {
        return COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
                || filters(stream.getFilters()).stream().anyMatch(IMAGE_FILTERS::contains);
    }

    private static List<COSName> filters(COSBase filters) {
        if (filters instanceof COSName name) {
            return List.of(name);
        }
        if (filters instanceof COSArray array) {
            return array.toList().stream().filter(COSName.class::isInstance).map(COSName.class::cast).toList();
        }
        return List.of();
    }
}
