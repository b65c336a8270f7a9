package dev.praxis.store.lucene;

import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.VectorQuery;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One HNSW search of a collection: the ids of the records nearest to a query, filtered as cheaply as
 * the index allows. Expired records that were not purged yet are few in practice, so while there are
 * at most {@link #POST_FILTER_LIMIT} of them the search asks for that many extra hits and the caller
 * drops them, instead of filtering every record by expiry. How many candidates the graph walk keeps is
 * {@link HnswOptions#candidatesFor}.
 */
final class NearestSearch {

    private static final int POST_FILTER_LIMIT = 1000;

    private NearestSearch() {
    }

    /** Ids of about the {@code query.limit()} nearest admitted records, plus possibly some expired ones. */
    static List<String> ids(IndexSearcher searcher, String collection, VectorQuery query, float[] unitVector,
                            HnswOptions options) throws IOException {
        Plan plan = plan(searcher, collection, query, unitVector, options);
        TopDocs top = searcher.search(plan.knn(), plan.hits());
        List<String> ids = new ArrayList<>(top.scoreDocs.length);
        var stored = searcher.storedFields();
        for (ScoreDoc hit : top.scoreDocs) {
            ids.add(stored.document(hit.doc, Set.of(IndexDocuments.ID)).get(IndexDocuments.ID));
        }
        return ids;
    }

    /** The Lucene query of one search and how many of its hits to take. */
    record Plan(KnnFloatVectorQuery knn, int hits) {
    }

    /**
     * Plans one search: the query's limit plus, while there are few, the expired records to drop afterwards;
     * {@link HnswOptions#candidatesFor} candidates (at least those hits); a filter only where it excludes
     * something.
     */
    static Plan plan(IndexSearcher searcher, String collection, VectorQuery query,
                                     float[] unitVector, HnswOptions options) throws IOException {
        long expired = expiredCount(searcher, query);
        boolean postFilter = expired <= POST_FILTER_LIMIT;
        long vectors = vectorCount(searcher, collection);
        boolean byScope = scopeCount(searcher, collection, query.scopes()) != vectors;
        Query filter = IndexDocuments.filter(query, collection, byScope, !postFilter);
        int k = query.limit() + (postFilter ? (int) expired : 0);
        int candidates = options.candidatesFor(vectors, k);
        String field = IndexDocuments.vectorField(collection);
        return new Plan(filter == null ? new KnnFloatVectorQuery(field, unitVector, candidates)
                : new KnnFloatVectorQuery(field, unitVector, candidates, filter), k);
    }

    private static long expiredCount(IndexSearcher searcher, VectorQuery query) throws IOException {
        return searcher.count(IndexDocuments.expiredBy(query.now()));
    }

    /** Records with a vector in {@code collection}, deleted ones included (as HNSW graphs hold them). */
    private static long vectorCount(IndexSearcher searcher, String collection) throws IOException {
        String field = IndexDocuments.vectorField(collection);
        long withVector = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            withVector += values == null ? 0 : values.size();
        }
        return withVector;
    }

    /**
     * Records of {@code scopes} with a vector in {@code collection}, from per-segment statistics that count
     * deleted records too (so it compares with {@link #vectorCount}: equal when the scopes hold everything).
     */
    private static long scopeCount(IndexSearcher searcher, String collection, List<MemoryScope> scopes)
            throws IOException {
        long inScopes = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            for (MemoryScope scope : Set.copyOf(scopes)) {
                inScopes += leaf.reader().docFreq(IndexDocuments.scopeTerm(collection, scope));
            }
        }
        return inScopes;
    }
}
