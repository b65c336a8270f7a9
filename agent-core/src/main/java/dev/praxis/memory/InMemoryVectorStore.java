package dev.praxis.memory;

import dev.praxis.memory.internal.TopK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link VectorStore} held in process memory with exact search; for tests, demos and small
 * single-process agents. Lost when the process ends. Thread-safe (one lock per store).
 */
public final class InMemoryVectorStore implements VectorStore {

    private final Map<String, Map<String, VectorRecord>> collections = new ConcurrentHashMap<>();

    @Override
    public synchronized void replaceDocument(String collection, MemoryScope scope, String documentId,
                                             List<VectorRecord> records) {
        Map<String, VectorRecord> records0 = collection(collection);
        StoreChecks.requireSameDocument(scope, documentId, records);
        StoreChecks.requireDimension(collection, dimension(records0), records);
        deleteDocument(collection, scope, documentId);
        records.forEach(r -> records0.put(r.id(), r));
    }

    @Override
    public synchronized int deleteDocument(String collection, MemoryScope scope, String documentId) {
        Map<String, VectorRecord> records = collection(collection);
        int before = records.size();
        records.values().removeIf(r -> r.scope().equals(scope) && r.documentId().equals(documentId));
        return before - records.size();
    }

    @Override
    public synchronized List<ScoredRecord> search(String collection, VectorQuery query) {
        TopK top = new TopK(query);
        collection(collection).values().forEach(top::offer);
        return top.best();
    }

    @Override
    public synchronized List<VectorRecord> keywordMatches(String collection, VectorQuery query, List<String> terms) {
        List<String> lower = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        List<VectorRecord> found = new ArrayList<>();
        for (VectorRecord r : collection(collection).values()) {
            String content = r.content().toLowerCase(Locale.ROOT);
            if (found.size() < query.limit() && query.admits(r) && lower.stream().anyMatch(content::contains)) {
                found.add(r);
            }
        }
        return found;
    }

    @Override
    public synchronized List<VectorRecord> get(String collection, List<String> ids) {
        Map<String, VectorRecord> records = collection(collection);
        return ids.stream().map(records::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized void forEach(String collection, Consumer<VectorRecord> action) {
        List.copyOf(collection(collection).values()).forEach(action);
    }

    @Override
    public synchronized long count(String collection) {
        return collection(collection).size();
    }

    @Override
    public synchronized long purgeExpired(Instant now) {
        long removed = 0;
        for (Map<String, VectorRecord> records : collections.values()) {
            int before = records.size();
            records.values().removeIf(r -> !r.liveAt(now));
            removed += before - records.size();
        }
        return removed;
    }

    @Override
    public synchronized long forget(String tenant, String user) {
        long removed = 0;
        for (Map<String, VectorRecord> records : collections.values()) {
            int before = records.size();
            records.values().removeIf(r -> r.scope().tenant().equals(tenant) && r.scope().user().equals(user));
            removed += before - records.size();
        }
        return removed;
    }

    @Override
    public void close() {
        // nothing to release
    }

    private Map<String, VectorRecord> collection(String name) {
        StoreChecks.requireCollectionName(name);
        return collections.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    private static int dimension(Map<String, VectorRecord> records) {
        return records.isEmpty() ? 0 : records.values().iterator().next().vector().length;
    }
}
