package dev.praxis.memory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Argument checks shared by every {@link VectorStore}, so all stores reject bad input the same
 * way and with the same messages.
 */
public final class StoreChecks {

    private static final Pattern COLLECTION = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private StoreChecks() {
    }

    /** Collection names are lower-case identifiers (they may become table or index names). */
    public static void requireCollectionName(String collection) {
        if (collection == null || !COLLECTION.matcher(collection).matches()) {
            throw new IllegalArgumentException("collection name '" + collection
                    + "' must match " + COLLECTION.pattern());
        }
    }

    /** Every record must belong to {@code scope} and {@code documentId}, with one dimension. */
    public static void requireSameDocument(MemoryScope scope, String documentId, List<VectorRecord> records) {
        for (VectorRecord r : records) {
            if (!r.scope().equals(scope) || !r.documentId().equals(documentId)) {
                throw new IllegalArgumentException("record '" + r.id() + "' belongs to document '" + r.documentId()
                        + "' in " + r.scope() + ", not to '" + documentId + "' in " + scope);
            }
        }
    }

    /**
     * Every record must have the collection's dimension ({@code existing}, 0 when the collection
     * is empty) and the same dimension as the others.
     */
    public static void requireDimension(String collection, int existing, List<VectorRecord> records) {
        int expected = existing;
        for (VectorRecord r : records) {
            if (expected == 0) {
                expected = r.vector().length;
            } else if (r.vector().length != expected) {
                throw new IllegalArgumentException("collection '" + collection + "' holds " + expected
                        + "-dimensional vectors; record '" + r.id() + "' has " + r.vector().length);
            }
        }
    }
}
