package dev.praxis.memory;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.praxis.memory.internal.MetadataFilters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A LangChain4j {@link EmbeddingStore} over a Praxis {@link VectorStore} (SQLite, PostgreSQL, the
 * Lucene index...), confined to one collection and one {@link MemoryScope}: LangChain4j's
 * ingestors, content retrievers and AI services keep their embeddings in Praxis storage, scoped
 * and erasable with {@code forget}.
 *
 * <pre>{@code
 * EmbeddingStore<TextSegment> store = VectorStoreEmbeddingStore.over(sqlite.vectors(), "docs", scope);
 * EmbeddingStoreIngestor.ingest(documents, store);   // LangChain4j's own pipeline
 * }</pre>
 *
 * <p>Each entry is a Praxis document of one record whose id is the entry id. Metadata values are
 * stored as strings (numbers come back as strings); filters are LangChain4j's: conjunctions of
 * {@code isEqualTo} go to the store's own search, any other filter (comparisons, {@code isIn},
 * {@code or}, {@code not}, {@code containsString}) is evaluated exactly over the scope's records.
 * Scores are LangChain4j's relevance, {@code (cosine + 1) / 2}. An entry added without a segment is
 * stored with empty text and comes back without one. Thread-safe when the vector store is.
 */
public final class VectorStoreEmbeddingStore implements EmbeddingStore<TextSegment> {

    private static final String NO_SEGMENT = "praxis.no_segment";

    private final VectorStore store;
    private final String collection;
    private final MemoryScope scope;
    private final Clock clock;

    private VectorStoreEmbeddingStore(VectorStore store, String collection, MemoryScope scope, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        StoreChecks.requireCollectionName(collection);
        this.collection = collection;
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An embedding store writing into {@code collection} of {@code store} under {@code scope}. */
    public static VectorStoreEmbeddingStore over(VectorStore store, String collection, MemoryScope scope) {
        return new VectorStoreEmbeddingStore(store, collection, scope, Clock.systemUTC());
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        put(id, embedding, null);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        put(id, embedding, null);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        put(id, embedding, Objects.requireNonNull(segment, "segment"));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    /** Adds each entry; {@code segments} may be {@code null} (entries without text). */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        if (ids.size() != embeddings.size() || segments != null && segments.size() != ids.size()) {
            throw new IllegalArgumentException("ids, embeddings and segments differ in size: " + ids.size() + ", "
                    + embeddings.size() + ", " + (segments == null ? "none" : segments.size()));
        }
        for (int i = 0; i < ids.size(); i++) {
            put(ids.get(i), embeddings.get(i), segments == null ? null : segments.get(i));
        }
    }

    @Override
    public void remove(String id) {
        store.deleteDocument(collection, scope, Objects.requireNonNull(id, "id"));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        ids.forEach(this::remove);
    }

    @Override
    public void removeAll(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        mine().stream().filter(r -> MetadataFilters.test(filter, r.metadata())).forEach(r -> remove(r.id()));
    }

    @Override
    public void removeAll() {
        mine().forEach(r -> remove(r.id()));
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        Optional<Map<String, String>> equalities = MetadataFilters.equalities(request.filter());
        List<ScoredRecord> hits;
        if (equalities.isPresent()) {
            VectorQuery query = new VectorQuery(List.of(scope), vector, request.maxResults(), equalities.get(),
                    2 * request.minScore() - 1, clock.instant());
            hits = store.search(collection, query);
        } else {
            hits = mine().stream().filter(r -> r.liveAt(clock.instant()))
                    .filter(r -> MetadataFilters.test(request.filter(), r.metadata()))
                    .map(r -> new ScoredRecord(r, Vectors.cosine(vector, r.vector())))
                    .filter(s -> (s.score() + 1) / 2 >= request.minScore())
                    .sorted(Comparator.comparingDouble(ScoredRecord::score).reversed())
                    .limit(request.maxResults()).toList();
        }
        return new EmbeddingSearchResult<>(hits.stream().map(VectorStoreEmbeddingStore::match).toList());
    }

    private void put(String id, Embedding embedding, TextSegment segment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(embedding, "embedding");
        Map<String, String> metadata = new HashMap<>();
        if (segment == null) {
            metadata.put(NO_SEGMENT, "true");
        } else {
            segment.metadata().toMap().forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        }
        VectorRecord record = new VectorRecord(id, scope, id, segment == null ? "" : segment.text(), metadata,
                embedding.vector(), VectorRecord.NEVER);
        store.replaceDocument(collection, scope, id, List.of(record));
    }

    /** This scope's records of the collection. */
    private List<VectorRecord> mine() {
        List<VectorRecord> records = new ArrayList<>();
        store.forEach(collection, r -> {
            if (r.scope().equals(scope)) {
                records.add(r);
            }
        });
        return records;
    }

    private static EmbeddingMatch<TextSegment> match(ScoredRecord hit) {
        VectorRecord r = hit.record();
        TextSegment segment = r.metadata().containsKey(NO_SEGMENT) ? null
                : TextSegment.from(r.content(), Metadata.from(r.metadata()));
        return new EmbeddingMatch<>((hit.score() + 1) / 2, r.id(), Embedding.from(r.vector()), segment);
    }
}
