package dev.praxis.memory;

import java.util.Map;
import java.util.Objects;

/**
 * One piece of a document as a {@link Chunking} cut it: the text that is embedded and stored, and
 * metadata of this piece alone (say, the heading path or the page it came from) that is stored on
 * top of the document's own.
 *
 * @param text     the chunk's text; never blank
 * @param metadata entries for this chunk only; they win over the document's entries of the same key
 */
public record Chunk(String text, Map<String, String> metadata) {

    /** Rejects blank text; copies the metadata. */
    public Chunk {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a chunk must have text");
        }
        metadata = Map.copyOf(metadata);
    }

    /** A chunk with no metadata of its own. */
    public static Chunk of(String text) {
        return new Chunk(text, Map.of());
    }
}
