package dev.praxis.memory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored unit of semantic memory: a chunk of a document (or one experience) with its
 * embedding. {@code content} is what the store persists, already encrypted when the caller
 * encrypts; {@code metadata} stays readable so stores can filter on it.
 *
 * @param id         unique within a collection; writing the same id again replaces the record
 * @param scope      whose record this is
 * @param documentId the document the chunk belongs to; all chunks of a document share it
 * @param content    the stored text (possibly ciphertext)
 * @param metadata   string key/value pairs used by filters
 * @param vector     the embedding; not copied, callers must not change it afterwards
 * @param expiresAt  when the record stops being visible; {@link #NEVER} if it does not expire
 */
public record VectorRecord(String id, MemoryScope scope, String documentId, String content,
                           Map<String, String> metadata, float[] vector, Instant expiresAt) {

    /** The expiry of records that never expire. */
    public static final Instant NEVER = Instant.ofEpochMilli(Long.MAX_VALUE);

    /** Rejects nulls and empty vectors; copies the metadata. */
    public VectorRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(content, "content");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("record '" + id + "' has an empty vector");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the record is still visible at {@code now}. */
    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    /** Whether every entry of {@code filter} is present with the same value in the metadata. */
    public boolean matches(Map<String, String> filter) {
        for (Map.Entry<String, String> e : filter.entrySet()) {
            if (!e.getValue().equals(metadata.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
