package dev.praxis.ingest.internal;

import dev.praxis.ingest.IngestException;
import dev.praxis.ingest.IngestException.Problem;

/**
 * Builds the text every loader produces: blocks separated by a blank line, headings as Markdown
 * ATX lines ({@code ## Title}), pages separated by a form feed. Whitespace inside a block is
 * collapsed unless the block is preformatted. Fails with TOO_LARGE past {@code maxChars}. Not API.
 */
public final class CanonicalText {

    private final String source;
    private final long maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean pageOpen;

    /** An empty text for {@code source}, bounded to {@code maxChars}. */
    public CanonicalText(String source, long maxChars) {
        this.source = source;
        this.maxChars = maxChars;
    }

    /** Adds a heading of {@code level} (1..6); blank headings are skipped. */
    public void heading(int level, String title) {
        String t = collapse(title);
        if (!t.isEmpty()) {
            block("#".repeat(Math.max(1, Math.min(6, level))) + " " + t);
        }
    }

    /** Adds a paragraph, its whitespace collapsed; blank paragraphs are skipped. */
    public void paragraph(String paragraph) {
        String t = collapse(paragraph);
        if (!t.isEmpty()) {
            // a paragraph that starts like a heading is escaped the Markdown way, so it stays a paragraph
            block(t.matches("#{1,6}(\\s.*)?") ? "\\" + t : t);
        }
    }

    /** Adds a block kept line for line (code); lines are indented so none reads as a heading. */
    public void preformatted(String lines) {
        String t = lines.strip();
        if (!t.isEmpty()) {
            block(t.replaceAll("(?m)^", "    "));
        }
    }

    /** Starts a new page (PDF). */
    public void pageBreak() {
        append("\f");
        pageOpen = false;
    }

    /** Whether nothing but whitespace was added. */
    public boolean isBlank() {
        return text.toString().isBlank();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void block(String block) {
        if (pageOpen) {
            append("\n\n");
        }
        append(block);
        pageOpen = true;
    }

    private void append(String s) {
        if (text.length() + s.length() > maxChars) {
            throw new IngestException(Problem.TOO_LARGE, source, "more than " + maxChars + " characters of text");
        }
        text.append(s);
    }

    /** {@code s} with runs of whitespace (including no-break spaces) as one space, stripped. */
    public static String collapse(String s) {
        return s.replaceAll("[\\s\\u00a0\\u2007\\u202f]+", " ").strip();
    }
}
