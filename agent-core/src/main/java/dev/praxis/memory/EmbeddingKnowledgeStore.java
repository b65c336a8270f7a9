package dev.praxis.memory;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.praxis.memory.internal.Ranking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link KnowledgeStore} over any {@link VectorStore}: cuts with a {@link Chunking}, embeds
 * with a LangChain4j {@link EmbeddingModel}, optionally encrypts chunk text with a
 * {@link ContentCipher}, and recalls by cosine similarity, optionally fused with a BM25
 * {@link KeywordIndex} (hybrid recall) and diversified by maximal marginal relevance. Thread-safe
 * when its store, index and model are.
 *
 * <p>On a store that encrypts content, hybrid recall needs an index that
 * {@linkplain KeywordIndex#masksTerms() masks its terms}: it ranks by keyed digests of the words,
 * so exact words and codes are still found while the index holds no readable text. What such an
 * index cannot do: match phrases, prefixes or misspellings, and it shows how often each (masked)
 * term occurs and how long each chunk is.
 */
public final class EmbeddingKnowledgeStore implements KnowledgeStore {

    private final VectorStore store;
    private final EmbeddingModel embeddings;
    private final Chunking chunking;
    private final ContentCipher cipher;
    private final Clock clock;
    private final String collection;
    private final double keywordWeight;
    private final KeywordIndex keywords;

    private EmbeddingKnowledgeStore(Builder b) {
        this.store = b.store;
        this.embeddings = b.embeddings;
        this.chunking = b.chunking;
        this.cipher = b.cipher;
        this.clock = b.clock;
        this.collection = b.collection;
        this.keywordWeight = b.keywordWeight;
        this.keywords = b.keywords;
        StoreChecks.requireCollectionName(collection);
        if (keywords != null && cipher.encrypts() && !keywords.masksTerms()) {
            throw new IllegalArgumentException("this store encrypts content, so its keyword index must not hold"
                    + " readable words: give the index a key to mask its terms with");
        }
    }

    /** A builder over {@code store}, embedding with {@code embeddings}. */
    public static Builder builder(VectorStore store, EmbeddingModel embeddings) {
        return new Builder(store, embeddings);
    }

    @Override
    public int add(MemoryScope scope, Document document) {
        List<Chunk> chunks = chunking.chunk(document);
        if (chunks.isEmpty()) {
            throw new MemoryException("chunking " + chunking + " returned no chunks for document '" + document.id() + "'");
        }
        List<TextSegment> segments = chunks.stream().map(c -> TextSegment.from(c.text())).toList();
        List<Embedding> vectors = embeddings.embedAll(segments).content();
        if (vectors.size() != chunks.size()) {
            throw new MemoryException("embedding model returned " + vectors.size() + " vectors for "
                    + chunks.size() + " chunks of document '" + document.id() + "'");
        }
        Instant expiresAt = document.ttl().isZero() ? VectorRecord.NEVER : clock.instant().plus(document.ttl());
        List<VectorRecord> records = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            String id = scope.key() + "#" + document.id() + "#" + i;
            Map<String, String> metadata = new LinkedHashMap<>(document.metadata());
            metadata.putAll(chunks.get(i).metadata());
            metadata.put(CHUNK_KEY, Integer.toString(i));
            records.add(new VectorRecord(id, scope, document.id(), cipher.encrypt(chunks.get(i).text(), scope.key()),
                    metadata, vectors.get(i).vector(), expiresAt));
        }
        store.replaceDocument(collection, scope, document.id(), records);
        if (keywords != null) {
            List<KeywordIndex.Entry> entries = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                entries.add(new KeywordIndex.Entry(records.get(i).id(), chunks.get(i).text(), records.get(i).metadata()));
            }
            keywords.replaceDocument(collection, scope, document.id(), entries);
        }
        return records.size();
    }

    /** The metadata key under which each chunk's position is stored. */
    public static final String CHUNK_KEY = "praxis.chunk";

    @Override
    public List<Recollection> recall(MemoryScope scope, KnowledgeQuery query) {
        List<MemoryScope> scopes = new ArrayList<>();
        scopes.add(scope);
        query.sharedScopes().stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
        float[] vector = embeddings.embed(query.text()).content().vector();
        int pool = query.diversity() > 0 ? Math.min(query.topK() * 4, 4000) : query.topK();
        List<ScoredRecord> ranked;
        if (!query.hybrid()) {
            VectorQuery q = new VectorQuery(scopes, vector, pool, query.filter(), query.minScore(), clock.instant());
            ranked = store.search(collection, q);
        } else if (keywords != null) {
            ranked = fusedRecall(scopes, vector, query, pool);
        } else {
            ranked = hybridRecall(scopes, vector, query, pool);
        }
        if (query.diversity() > 0) {
            ranked = Ranking.mmr(ranked, query.topK(), query.diversity());
        }
        return ranked.stream().limit(query.topK()).map(this::toRecollection).toList();
    }

    /**
     * The index's BM25 ranking and the vector ranking, each {@code 4 * topK} deep, fused by
     * reciprocal rank; scores are the fused score scaled to 0..1 (1: first in both).
     */
    private List<ScoredRecord> fusedRecall(List<MemoryScope> scopes, float[] vector, KnowledgeQuery query, int pool) {
        int wide = Math.min(Math.max(pool, query.topK() * 4), 4000);
        VectorQuery q = new VectorQuery(scopes, vector, wide, query.filter(), -1, clock.instant());
        Map<String, VectorRecord> records = new LinkedHashMap<>();
        List<String> byVector = new ArrayList<>();
        for (ScoredRecord s : store.search(collection, q)) {
            records.put(s.record().id(), s.record());
            byVector.add(s.record().id());
        }
        List<String> byKeyword = keywords.search(collection, scopes, query.text(), query.filter(), wide).stream()
                .map(KeywordIndex.Hit::recordId).toList();
        List<String> missing = byKeyword.stream().filter(id -> !records.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            store.get(collection, missing).stream().filter(q::admits).forEach(r -> records.put(r.id(), r));
        }
        List<ScoredRecord> fused = new ArrayList<>();
        Ranking.fuse(List.of(byVector, byKeyword)).forEach((id, score) -> {
            VectorRecord r = records.get(id);
            if (r != null && score >= query.minScore()) {
                fused.add(new ScoredRecord(r, score));
            }
        });
        return fused.size() > pool ? List.copyOf(fused.subList(0, pool)) : fused;
    }

    private List<ScoredRecord> hybridRecall(List<MemoryScope> scopes, float[] vector, KnowledgeQuery query, int pool) {
        if (cipher.encrypts()) {
            throw new UnsupportedOperationException("hybrid recall needs readable text or a keyword index; this"
                    + " store encrypts content, so give it a KeywordIndex that masks its terms");
        }
        int wide = Math.min(query.topK() * 4, 4000);
        VectorQuery q = new VectorQuery(scopes, vector, wide, query.filter(), -1, clock.instant());
        Map<String, ScoredRecord> candidates = new LinkedHashMap<>();
        store.search(collection, q).forEach(s -> candidates.put(s.record().id(), s));
        List<String> terms = Keywords.terms(query.text());
        if (!terms.isEmpty()) {
            for (VectorRecord r : store.keywordMatches(collection, q, terms)) {
                candidates.computeIfAbsent(r.id(), id -> new ScoredRecord(r,
                        Vectors.cosine(vector, r.vector())));
            }
        }
        return candidates.values().stream()
                .map(s -> new ScoredRecord(s.record(), blend(s, terms)))
                .filter(s -> s.score() >= query.minScore())
                .sorted(Comparator.comparingDouble(ScoredRecord::score).reversed())
                .limit(pool)
                .toList();
    }

    private double blend(ScoredRecord s, List<String> terms) {
        return (1 - keywordWeight) * s.score() + keywordWeight * Keywords.coverage(s.record().content(), terms);
    }

    private Recollection toRecollection(ScoredRecord s) {
        VectorRecord r = s.record();
        Map<String, String> metadata = new LinkedHashMap<>(r.metadata());
        int chunk = Integer.parseInt(Objects.requireNonNullElse(metadata.remove(CHUNK_KEY), "0"));
        String text = cipher.decrypt(r.content(), r.scope().key());
        return new Recollection(r.documentId(), chunk, text, metadata, s.score(), r.scope());
    }

    @Override
    public boolean delete(MemoryScope scope, String documentId) {
        boolean existed = store.deleteDocument(collection, scope, documentId) > 0;
        if (keywords != null) {
            keywords.deleteDocument(collection, scope, documentId);
        }
        return existed;
    }

    @Override
    public long forget(String tenant, String user) {
        long forgotten = store.forget(tenant, user);
        if (keywords != null) {
            keywords.forget(tenant, user);
        }
        return forgotten;
    }

    /** Configures an {@link EmbeddingKnowledgeStore}; every setting has a default. */
    public static final class Builder {
        private final VectorStore store;
        private final EmbeddingModel embeddings;
        private Chunking chunking = Chunker.standard();
        private ContentCipher cipher = ContentCipher.NONE;
        private Clock clock = Clock.systemUTC();
        private String collection = "knowledge";
        private double keywordWeight = 0.3;
        private KeywordIndex keywords;

        private Builder(VectorStore store, EmbeddingModel embeddings) {
            this.store = Objects.requireNonNull(store, "store");
            this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        }

        /**
         * How documents are cut into chunks; default {@link Chunker#standard()}. Each chunk's own
         * metadata (a heading path, a page) is stored over the document's.
         */
        public Builder chunker(Chunking value) {
            this.chunking = Objects.requireNonNull(value, "chunker");
            return this;
        }

        /** Encrypts chunk text at rest; default {@link ContentCipher#NONE}. */
        public Builder cipher(ContentCipher value) {
            this.cipher = Objects.requireNonNull(value, "cipher");
            return this;
        }

        /** The clock for TTLs; default UTC system clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The collection in the store; default {@code knowledge}. */
        public Builder collection(String value) {
            StoreChecks.requireCollectionName(value);
            this.collection = value;
            return this;
        }

        /** The weight of keyword coverage in hybrid recall, 0..1; default 0.3. */
        public Builder keywordWeight(double value) {
            if (value < 0 || value > 1) {
                throw new IllegalArgumentException("keywordWeight must be within 0..1, got " + value);
            }
            this.keywordWeight = value;
            return this;
        }

        /**
         * A BM25 index kept beside the store: every added chunk is indexed too, and hybrid recall
         * ({@link KnowledgeQuery#withKeywords()}) fuses its ranking with the vector ranking by
         * reciprocal rank fusion instead of blending in keyword coverage. An encrypting store
         * needs an index that {@linkplain KeywordIndex#masksTerms() masks its terms}
         * ({@link #build()} refuses another). Default none. The caller closes the index.
         */
        public Builder keywordIndex(KeywordIndex index) {
            this.keywords = Objects.requireNonNull(index, "index");
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalArgumentException if content is encrypted and the keyword index keeps readable words
         */
        public EmbeddingKnowledgeStore build() {
            return new EmbeddingKnowledgeStore(this);
        }
    }
}
