package dev.praxis.store.lucene;

import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.StoreChecks;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An approximate nearest-neighbour index (Lucene HNSW) in front of another {@link VectorStore},
 * which stays the source of truth. The index lives in its own folder beside the store; searches
 * of the indexed collections go to the index once a collection holds more than
 * {@code exactBelow} records (smaller ones are searched exactly by the store), then the found
 * records are read back from the store. Scope, expiry and metadata filters are applied inside the
 * HNSW search, so filtered results are still the k best admitted records.
 *
 * <p>Durability: writes go to the store first, then to the index, which commits on
 * {@link #flush()}, on {@link #close()} and at most every few seconds. A marker file records that
 * the index may be behind; when the index opens with the marker present, or with a record count
 * that differs from the store's, it is rebuilt from the store. So after a crash the index is
 * never trusted stale. Writes are serialised; searches run concurrently. Thread-safe.
 */
public final class LuceneIndexedStore implements VectorStore {

    private static final Logger LOG = LoggerFactory.getLogger(LuceneIndexedStore.class);
    private static final String DIRTY = "praxis-index.dirty";
    private static final long COMMIT_INTERVAL_MILLIS = 5_000;
    /** HNSW explores as many candidates as it is asked for; 10 alone gives poor recall. */
    private static final int MIN_CANDIDATES = 100;

    private final VectorStore store;
    private final Set<String> collections;
    private final long exactBelow;
    private final Path folder;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private boolean dirty;
    /** Set after a write; the next search refreshes its reader first, so reads see every finished write. */
    private volatile boolean stale;
    private long lastCommit = System.currentTimeMillis();

    private LuceneIndexedStore(VectorStore store, Path folder, Set<String> collections, long exactBelow)
            throws IOException {
        this.store = store;
        this.folder = folder;
        this.collections = Set.copyOf(collections);
        this.exactBelow = exactBelow;
        Files.createDirectories(folder);
        this.directory = FSDirectory.open(folder);
        this.writer = new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(64));
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Indexes {@code collections} of {@code store} in {@code folder}, rebuilding the index from the
     * store when it may be stale. Closing the returned store closes {@code store} too.
     *
     * @param exactBelow collections with fewer records are searched exactly by the store
     */
    public static LuceneIndexedStore open(VectorStore store, Path folder, Set<String> collections, long exactBelow) {
        collections.forEach(StoreChecks::requireCollectionName);
        try {
            LuceneIndexedStore indexed = new LuceneIndexedStore(store, folder, collections, exactBelow);
            indexed.rebuildIfStale();
            return indexed;
        } catch (IOException e) {
            throw new MemoryException("cannot open the vector index in " + folder + ": " + e.getMessage(), e, false);
        }
    }

    private void rebuildIfStale() throws IOException {
        boolean marked = Files.exists(folder.resolve(DIRTY));
        for (String collection : collections) {
            long indexed = indexedCount(collection);
            long stored = store.count(collection);
            if (marked || indexed != stored) {
                LOG.info("rebuilding vector index of '{}' ({} indexed, {} stored, unclean shutdown: {})",
                        collection, indexed, stored, marked);
                writer.deleteDocuments(new Term(IndexDocuments.COLLECTION, collection));
                List<Document> batch = new ArrayList<>();
                store.forEach(collection, r -> batch.add(IndexDocuments.of(collection, r)));
                writer.addDocuments(batch);
            }
        }
        writer.commit();
        Files.deleteIfExists(folder.resolve(DIRTY));
        searchers.maybeRefreshBlocking();
    }

    @Override
    public synchronized void replaceDocument(String collection, MemoryScope scope, String documentId,
                                             List<VectorRecord> records) {
        store.replaceDocument(collection, scope, documentId, records);
        if (collections.contains(collection)) {
            write(w -> {
                w.deleteDocuments(IndexDocuments.documentTerm(collection, scope, documentId));
                w.addDocuments(records.stream().map(r -> IndexDocuments.of(collection, r)).toList());
            });
        }
    }

    @Override
    public synchronized int deleteDocument(String collection, MemoryScope scope, String documentId) {
        int removed = store.deleteDocument(collection, scope, documentId);
        if (collections.contains(collection)) {
            write(w -> w.deleteDocuments(IndexDocuments.documentTerm(collection, scope, documentId)));
        }
        return removed;
    }

    @Override
    public List<ScoredRecord> search(String collection, VectorQuery query) {
        if (!collections.contains(collection) || indexedCount(collection) < exactBelow) {
            return store.search(collection, query);
        }
        Map<String, Double> scores = new HashMap<>();
        List<String> ids = new ArrayList<>();
        withSearcher(searcher -> {
            int candidates = Math.max(query.limit(), Math.min(MIN_CANDIDATES, query.limit() * 10));
            var knn = new KnnFloatVectorQuery(IndexDocuments.vectorField(collection), query.vector(), candidates,
                    IndexDocuments.filter(collection, query));
            for (ScoreDoc hit : searcher.search(knn, query.limit()).scoreDocs) {
                String id = searcher.storedFields().document(hit.doc).get(IndexDocuments.ID);
                double cosine = 2.0 * hit.score - 1.0;
                if (cosine >= query.minScore()) {
                    ids.add(id);
                    scores.put(id, cosine);
                }
            }
        });
        return store.get(collection, ids).stream().filter(query::admits)
                .map(r -> new ScoredRecord(r, scores.get(r.id()))).toList();
    }

    /** Exact search by the underlying store, bypassing the index (to compare, or when recall must be exact). */
    public List<ScoredRecord> exact(String collection, VectorQuery query) {
        return store.search(collection, query);
    }

    /** Records in the index for {@code collection}. */
    public long indexedCount(String collection) {
        long[] count = new long[1];
        withSearcher(s -> count[0] = s.count(new TermQuery(new Term(IndexDocuments.COLLECTION, collection))));
        return count[0];
    }

    @Override
    public List<VectorRecord> keywordMatches(String collection, VectorQuery query, List<String> terms) {
        return store.keywordMatches(collection, query, terms);
    }

    @Override
    public List<VectorRecord> get(String collection, List<String> ids) {
        return store.get(collection, ids);
    }

    @Override
    public void forEach(String collection, Consumer<VectorRecord> action) {
        store.forEach(collection, action);
    }

    @Override
    public long count(String collection) {
        return store.count(collection);
    }

    @Override
    public synchronized long purgeExpired(Instant now) {
        long removed = store.purgeExpired(now);
        write(w -> w.deleteDocuments(IndexDocuments.expiredBy(now)));
        return removed;
    }

    @Override
    public synchronized long forget(String tenant, String user) {
        long removed = store.forget(tenant, user);
        write(w -> w.deleteDocuments(IndexDocuments.userTerm(tenant, user)));
        return removed;
    }

    /** Commits the index now, so a restart need not rebuild it. */
    public synchronized void flush() {
        try {
            commit();
        } catch (IOException e) {
            throw new MemoryException("committing the vector index in " + folder + " failed", e, true);
        }
    }

    @Override
    public synchronized void close() {
        try (directory; writer; searchers) {
            commit();
        } catch (IOException e) {
            throw new MemoryException("closing the vector index in " + folder + " failed", e, false);
        } finally {
            store.close();
        }
    }

    /** An index change. */
    @FunctionalInterface
    private interface IndexChange {
        void apply(IndexWriter writer) throws IOException;
    }

    private void write(IndexChange change) {
        try {
            if (!dirty) {
                Files.writeString(folder.resolve(DIRTY), "index may be behind the store");
                dirty = true;
            }
            change.apply(writer);
            stale = true;
            if (System.currentTimeMillis() - lastCommit > COMMIT_INTERVAL_MILLIS) {
                commit();
            }
        } catch (IOException e) {
            throw new MemoryException("updating the vector index in " + folder + " failed; it will be rebuilt "
                    + "from the store when reopened", e, false);
        }
    }

    private void commit() throws IOException {
        writer.commit();
        Files.deleteIfExists(folder.resolve(DIRTY));
        dirty = false;
        lastCommit = System.currentTimeMillis();
    }

    /** A read of the current index. */
    @FunctionalInterface
    private interface IndexRead {
        void read(IndexSearcher searcher) throws IOException;
    }

    private void withSearcher(IndexRead read) {
        try {
            if (stale) {
                stale = false;
                searchers.maybeRefreshBlocking();
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                read.read(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the vector index in " + folder + " failed", e);
        }
    }
}
