package dev.praxis.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks of at most {@code maxChars} characters, each starting about
 * {@code overlap} characters before the previous one ended, so a sentence cut at a boundary is
 * still whole in one of the two chunks. Cuts prefer whitespace. Immutable and thread-safe.
 */
public record Chunker(int maxChars, int overlap) implements Chunking {

    /** Requires {@code 0 <= overlap < maxChars / 2} and {@code maxChars >= 20}. */
    public Chunker {
        if (maxChars < 20) {
            throw new IllegalArgumentException("maxChars must be at least 20, got " + maxChars);
        }
        if (overlap < 0 || overlap >= maxChars / 2) {
            throw new IllegalArgumentException("overlap must be within 0.." + (maxChars / 2 - 1) + ", got " + overlap);
        }
    }

    /** Chunks of up to 800 characters overlapping by 100: about 200 tokens each. */
    public static Chunker standard() {
        return new Chunker(800, 100);
    }

    /** The chunks of the document's text (see {@link #split}), with no metadata of their own. */
    @Override
    public List<Chunk> chunk(Document document) {
        return split(document.text()).stream().map(Chunk::of).toList();
    }

    /** The chunks of {@code text}, in order; one chunk when it fits. Never empty for non-blank text. */
    public List<String> split(String text) {
        String t = text.strip();
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < t.length()) {
            int end = Math.min(t.length(), start + maxChars);
            if (end < t.length()) {
                end = lastSpace(t, start + maxChars / 2, end);
            }
            chunks.add(t.substring(start, end).strip());
            if (end == t.length()) {
                break;
            }
            start = nextStart(t, start, end - overlap);
        }
        return chunks;
    }

    private static int lastSpace(String t, int from, int end) {
        for (int i = end; i > from; i--) {
            if (Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return end;
    }

    /** Moves the overlapped start back to the beginning of its word, but never to {@code start} or before. */
    private static int nextStart(String t, int start, int from) {
        int i = from;
        while (i > start + 1 && !Character.isWhitespace(t.charAt(i - 1))) {
            i--;
        }
        return i <= start + 1 ? from : i;
    }
}
