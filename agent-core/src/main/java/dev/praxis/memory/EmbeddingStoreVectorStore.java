package dev.praxis.memory;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * A Praxis {@link VectorStore} over any LangChain4j {@link EmbeddingStore} (pgvector, Qdrant,
 * Chroma, Elasticsearch, the in-memory store...), so knowledge and experience can live in the
 * vector database you already run:
 *
 * <pre>{@code
 * EmbeddingStore<TextSegment> pgvector = PgVectorEmbeddingStore.builder()...dimension(384).build();
 * VectorStore vectors = EmbeddingStoreVectorStore.over(pgvector, 384);
 * KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(vectors, embeddingModel).build();
 * }</pre>
 *
 * <p>Each record is one entry whose id is a name-based UUID of its collection and record id, and
 * whose segment metadata holds the record's metadata plus reserved {@code praxis_*} keys
 * (collection, scope, user, document, record id, expiry) that every query filters on, so the
 * underlying store must support metadata filters with {@code isEqualTo}, {@code isIn} and number
 * comparisons (LangChain4j's pgvector and in-memory stores do). Record metadata keys may not start
 * with {@code praxis_}; contents may not be blank (LangChain4j segments need text).
 *
 * <p>Listing, counting, keyword matching and {@code get} read matching entries through a filtered
 * search (at most {@link #SCAN_LIMIT} at a time, failing beyond), so they cost a scan. Writes are
 * atomic for readers in this JVM (a read-write lock); other processes may see a document
 * half-replaced. {@link #close()} leaves the underlying store open. Thread-safe when the
 * underlying store is.
 */
public final class EmbeddingStoreVectorStore implements VectorStore {

    /** The most entries one listing reads; a larger collection fails with a {@link MemoryException}. */
    public static final int SCAN_LIMIT = 100_000;

    private static final String PREFIX = "praxis_";
    private static final String COLLECTION = PREFIX + "collection";
    private static final String SCOPE = PREFIX + "scope";
    private static final String TENANT = PREFIX + "tenant";
    private static final String USER = PREFIX + "user";
    private static final String AGENT = PREFIX + "agent";
    private static final String SESSION = PREFIX + "session";
    private static final String DOCUMENT = PREFIX + "document";
    private static final String ID = PREFIX + "id";
    private static final String EXPIRES = PREFIX + "expires";
    private static final Set<String> RESERVED = Set.of(COLLECTION, SCOPE, TENANT, USER, AGENT, SESSION, DOCUMENT, ID,
            EXPIRES);

    private final EmbeddingStore<TextSegment> store;
    private final int dimension;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private EmbeddingStoreVectorStore(EmbeddingStore<TextSegment> store, int dimension) {
        this.store = Objects.requireNonNull(store, "store");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
    }

    /** A vector store writing {@code dimension}-dimensional records into {@code store}. */
    public static EmbeddingStoreVectorStore over(EmbeddingStore<TextSegment> store, int dimension) {
        return new EmbeddingStoreVectorStore(store, dimension);
    }

    @Override
    public void replaceDocument(String collection, MemoryScope scope, String documentId, List<VectorRecord> records) {
        check(collection);
        StoreChecks.requireSameDocument(scope, documentId, records);
        List<String> ids = new ArrayList<>(records.size());
        List<Embedding> embeddings = new ArrayList<>(records.size());
        List<TextSegment> segments = new ArrayList<>(records.size());
        for (VectorRecord r : records) {
            requireDimension(r);
            ids.add(entryId(collection, r.id()));
            embeddings.add(Embedding.from(r.vector()));
            segments.add(segment(collection, r));
        }
        lock.writeLock().lock();
        try {
            store.removeAll(document(collection, scope, documentId));
            if (!records.isEmpty()) {
                store.addAll(ids, embeddings, segments);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int deleteDocument(String collection, MemoryScope scope, String documentId) {
        check(collection);
        Filter filter = document(collection, scope, documentId);
        lock.writeLock().lock();
        try {
            int n = scan(filter).size();
            if (n > 0) {
                store.removeAll(filter);
            }
            return n;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ScoredRecord> search(String collection, VectorQuery query) {
        check(collection);
        requireDimension(query.vector().length, "the query");
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query.vector())).maxResults(query.limit())
                // LangChain4j scores are (cosine + 1) / 2; Praxis scores are cosines
                .minScore(Math.max(0, (query.minScore() + 1) / 2)).filter(visible(collection, query)).build();
        lock.readLock().lock();
        try {
            return store.search(request).matches().stream()
                    .map(m -> new ScoredRecord(record(m), 2 * m.score() - 1)).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<VectorRecord> keywordMatches(String collection, VectorQuery query, List<String> terms) {
        check(collection);
        List<String> lower = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        return scan(visible(collection, query)).stream()
                .filter(r -> lower.stream().anyMatch(r.content().toLowerCase(Locale.ROOT)::contains))
                .limit(query.limit()).toList();
    }

    @Override
    public List<VectorRecord> get(String collection, List<String> ids) {
        check(collection);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, VectorRecord> found = new HashMap<>();
        scan(metadataKey(COLLECTION).isEqualTo(collection).and(metadataKey(ID).isIn(ids)))
                .forEach(r -> found.put(r.id(), r));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    @Override
    public void forEach(String collection, Consumer<VectorRecord> action) {
        check(collection);
        scan(metadataKey(COLLECTION).isEqualTo(collection)).forEach(action);
    }

    @Override
    public long count(String collection) {
        check(collection);
        return scan(metadataKey(COLLECTION).isEqualTo(collection)).size();
    }

    @Override
    public long purgeExpired(Instant now) {
        ensureOpen();
        return removeAll(metadataKey(EXPIRES).isLessThanOrEqualTo(now.toEpochMilli()));
    }

    @Override
    public long forget(String tenant, String user) {
        ensureOpen();
        return removeAll(metadataKey(TENANT).isEqualTo(tenant).and(metadataKey(USER).isEqualTo(user)));
    }

    /** Marks this store closed; the underlying {@link EmbeddingStore} belongs to the caller and stays open. */
    @Override
    public void close() {
        closed = true;
    }

    private long removeAll(Filter filter) {
        lock.writeLock().lock();
        try {
            int n = scan(filter).size();
            if (n > 0) {
                store.removeAll(filter);
            }
            return n;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every entry matching {@code filter}: a search with a probe vector, which every entry scores at least 0 against. */
    private List<VectorRecord> scan(Filter filter) {
        float[] probe = new float[dimension];
        probe[0] = 1;
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(probe))
                .maxResults(SCAN_LIMIT + 1).minScore(0.0).filter(filter).build();
        lock.readLock().lock();
        try {
            List<EmbeddingMatch<TextSegment>> matches = store.search(request).matches();
            if (matches.size() > SCAN_LIMIT) {
                throw new MemoryException("more than " + SCAN_LIMIT + " entries match " + filter
                        + "; listing them through a LangChain4j EmbeddingStore is limited to that many");
            }
            return matches.stream().map(EmbeddingStoreVectorStore::record).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private static Filter visible(String collection, VectorQuery query) {
        Filter filter = metadataKey(COLLECTION).isEqualTo(collection)
                .and(metadataKey(SCOPE).isIn(query.scopes().stream().map(MemoryScope::key).toList()))
                .and(metadataKey(EXPIRES).isGreaterThan(query.now().toEpochMilli()));
        for (Map.Entry<String, String> e : query.filter().entrySet()) {
            filter = filter.and(metadataKey(e.getKey()).isEqualTo(e.getValue()));
        }
        return filter;
    }

    private static Filter document(String collection, MemoryScope scope, String documentId) {
        return metadataKey(COLLECTION).isEqualTo(collection).and(metadataKey(SCOPE).isEqualTo(scope.key()))
                .and(metadataKey(DOCUMENT).isEqualTo(documentId));
    }

    private static TextSegment segment(String collection, VectorRecord r) {
        if (r.content().isBlank()) {
            throw new IllegalArgumentException("record '" + r.id() + "' has blank content; LangChain4j segments need text");
        }
        Metadata metadata = new Metadata();
        for (Map.Entry<String, String> e : r.metadata().entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                throw new IllegalArgumentException("record '" + r.id() + "' uses the metadata key '" + e.getKey()
                        + "'; keys starting with " + PREFIX + " are reserved");
            }
            metadata.put(e.getKey(), e.getValue());
        }
        MemoryScope s = r.scope();
        metadata.put(COLLECTION, collection).put(SCOPE, s.key()).put(TENANT, s.tenant()).put(USER, s.user())
                .put(AGENT, s.agent()).put(SESSION, s.session()).put(DOCUMENT, r.documentId()).put(ID, r.id()).put(EXPIRES, r.expiresAt().toEpochMilli());
        return TextSegment.from(r.content(), metadata);
    }

    private static VectorRecord record(EmbeddingMatch<TextSegment> match) {
        TextSegment segment = match.embedded();
        if (segment == null) {
            throw new MemoryException("entry " + match.embeddingId() + " has no text segment; it was not written by Praxis");
        }
        Map<String, Object> all = segment.metadata().toMap();
        Map<String, String> metadata = new HashMap<>();
        all.forEach((k, v) -> {
            if (!RESERVED.contains(k)) {
                metadata.put(k, String.valueOf(v));
            }
        });
        MemoryScope scope = new MemoryScope(string(all, TENANT, match), string(all, USER, match),
                string(all, AGENT, match), string(all, SESSION, match));
        return new VectorRecord(string(all, ID, match), scope, string(all, DOCUMENT, match),
                segment.text(), metadata, match.embedding().vector(),
                Instant.ofEpochMilli(Long.parseLong(string(all, EXPIRES, match))));
    }

    private static String string(Map<String, Object> metadata, String key, EmbeddingMatch<TextSegment> match) {
        Object value = metadata.get(key);
        if (value == null) {
            throw new MemoryException("entry " + match.embeddingId() + " has no " + key + "; it was not written by Praxis");
        }
        // JSON-backed stores may return the expiry as another kind of number
        return value instanceof Number n ? Long.toString(n.longValue()) : value.toString();
    }

    /** A stable UUID per collection and record id: the same record always lands on the same entry. */
    private static String entryId(String collection, String recordId) {
        return UUID.nameUUIDFromBytes((collection + '\u0000' + recordId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void requireDimension(VectorRecord r) {
        requireDimension(r.vector().length, "record '" + r.id() + "'");
    }

    private void requireDimension(int length, String what) {
        if (length != dimension) {
            throw new IllegalArgumentException(what + " has a " + length + "-dimensional vector; this store holds "
                    + dimension + "-dimensional vectors");
        }
    }

    private void check(String collection) {
        ensureOpen();
        StoreChecks.requireCollectionName(collection);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this EmbeddingStoreVectorStore is closed");
        }
    }
}
