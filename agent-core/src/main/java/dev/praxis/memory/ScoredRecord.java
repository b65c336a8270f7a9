package dev.praxis.memory;

import java.util.Objects;

/**
 * A record found by a search, with its cosine similarity to the query (-1..1, higher is nearer).
 */
public record ScoredRecord(VectorRecord record, double score) {

    /** Rejects a null record. */
    public ScoredRecord {
        Objects.requireNonNull(record, "record");
    }
}
