package dev.praxis.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A similarity search: the {@code limit} records nearest to {@code vector} by cosine
 * similarity, among the live records of the named scopes that match every filter entry.
 *
 * @param scopes   the scopes searched; a record of any other scope is never returned
 * @param vector   the query embedding
 * @param limit    the most records returned (at least 1)
 * @param filter   metadata entries a record must have (exact string equality)
 * @param minScore records scoring below it are left out; -1 keeps all
 * @param now      records that expired at or before this instant are invisible
 */
public record VectorQuery(List<MemoryScope> scopes, float[] vector, int limit, Map<String, String> filter,
                          double minScore, Instant now) {

    /** Validates and copies. */
    public VectorQuery {
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a vector query needs at least one scope");
        }
        Objects.requireNonNull(vector, "vector");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        filter = Map.copyOf(filter);
        Objects.requireNonNull(now, "now");
    }

    /** Whether {@code record} is visible to this query (scope, expiry, filter), ignoring similarity. */
    public boolean admits(VectorRecord record) {
        return scopes.contains(record.scope()) && record.liveAt(now) && record.matches(filter);
    }
}
