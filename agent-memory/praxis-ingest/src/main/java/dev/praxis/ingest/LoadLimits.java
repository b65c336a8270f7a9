package dev.praxis.ingest;

/**
 * Bounds on what a loader accepts, so a hostile or broken file fails fast with
 * {@link IngestException.Problem#TOO_LARGE} instead of exhausting memory or time.
 *
 * @param maxBytes        the largest input, in bytes
 * @param maxChars        the most characters of extracted text
 * @param maxPages        the most pages of a PDF
 * @param maxStreamBytes  the most bytes a PDF's compressed streams may expand to, in total
 *                        (compression bombs expand a few kilobytes to gigabytes)
 */
public record LoadLimits(long maxBytes, long maxChars, int maxPages, long maxStreamBytes) {

    /** Requires every bound to be positive. */
    public LoadLimits {
        if (maxBytes <= 0 || maxChars <= 0 || maxPages <= 0 || maxStreamBytes <= 0) {
            throw new IllegalArgumentException("every load limit must be positive: " + maxBytes + ", " + maxChars
                    + ", " + maxPages + ", " + maxStreamBytes);
        }
    }

    /** 50 MB of input, 5 million characters, 2,000 pages, 500 MB of expanded PDF streams. */
    public static LoadLimits standard() {
        return new LoadLimits(50_000_000L, 5_000_000L, 2_000, 500_000_000L);
    }

    /** These limits with another input size bound. */
    public LoadLimits withMaxBytes(long value) {
        return new LoadLimits(value, maxChars, maxPages, maxStreamBytes);
    }

    /** These limits with another bound on extracted characters. */
    public LoadLimits withMaxChars(long value) {
        return new LoadLimits(maxBytes, value, maxPages, maxStreamBytes);
    }

    /** These limits with another page bound. */
    public LoadLimits withMaxPages(int value) {
        return new LoadLimits(maxBytes, maxChars, value, maxStreamBytes);
    }

    /** These limits with another bound on expanded PDF stream bytes. */
    public LoadLimits withMaxStreamBytes(long value) {
        return new LoadLimits(maxBytes, maxChars, maxPages, value);
    }
}
