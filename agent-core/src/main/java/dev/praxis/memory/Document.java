package dev.praxis.memory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A piece of knowledge to remember: text with an id and metadata. Adding a document with an id
 * that already exists in the scope replaces it.
 *
 * @param id       the caller's id, unique within a scope
 * @param text     the content; split into chunks by the store
 * @param metadata string entries that recall can filter on; stored unencrypted
 * @param ttl      how long the document stays visible; {@link Duration#ZERO} for ever
 */
public record Document(String id, String text, Map<String, String> metadata, Duration ttl) {

    /** Rejects blank ids and text, negative TTLs; copies the metadata. */
    public Document {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("document id must not be blank");
        }
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("document '" + id + "' has no text");
        }
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("document '" + id + "' has a negative ttl " + ttl);
        }
    }

    /** A document with no metadata that never expires. */
    public static Document of(String id, String text) {
        return new Document(id, text, Map.of(), Duration.ZERO);
    }

    /** This document with one more metadata entry. */
    public Document with(String key, String value) {
        Map<String, String> more = new HashMap<>(metadata);
        more.put(key, value);
        return new Document(id, text, more, ttl);
    }

    /** This document, expiring {@code timeToLive} after it is added. */
    public Document expiringAfter(Duration timeToLive) {
        return new Document(id, text, metadata, timeToLive);
    }
}
