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
 * drops them, instead of filtering every record by expiry.
 */
final class NearestSearch {

    /** HNSW explores as many candidates as it is asked for; 10 alone gives poor recall. */
    static final int MIN_CANDIDATES = 100;
    private static final int POST_FILTER_LIMIT = 1000;

    private NearestSearch() {
    }

    /** Ids of about the {@code query.limit()} nearest admitted records, plus possibly some expired ones. */
    static List<String> ids(IndexSearcher searcher, String collection, VectorQuery query, float[] unitVector)
            throws IOException {
        long expired = searcher.count(IndexDocuments.expiredBy(query.now()));
        boolean postFilter = expired <= POST_FILTER_LIMIT;
        boolean byScope = !scopesHoldEverything(searcher, collection, query.scopes());
        Query filter = IndexDocuments.filter(query, collection, byScope, !postFilter);
        int k = query.limit() + (postFilter ? (int) expired : 0);
        int candidates = Math.max(k, Math.min(MIN_CANDIDATES, k * 10));
        String field = IndexDocuments.vectorField(collection);
        Query knn = filter == null ? new KnnFloatVectorQuery(field, unitVector, candidates)
                : new KnnFloatVectorQuery(field, unitVector, candidates, filter);
        TopDocs top = searcher.search(knn, k);
        List<String> ids = new ArrayList<>(top.scoreDocs.length);
        var stored = searcher.storedFields();
        for (ScoreDoc hit : top.scoreDocs) {
            ids.add(stored.document(hit.doc, Set.of(IndexDocuments.ID)).get(IndexDocuments.ID));
        }
        return ids;
    }

    /**
     * Whether every record with a vector in {@code collection} belongs to one of {@code scopes}, from
     * per-segment statistics (both counts include deleted records, so they are comparable).
     */
    private static boolean scopesHoldEverything(IndexSearcher searcher, String collection, List<MemoryScope> scopes)
            throws IOException {
        String field = IndexDocuments.vectorField(collection);
        long withVector = 0;
        long inScopes = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            withVector += values == null ? 0 : values.size();
            for (MemoryScope scope : Set.copyOf(scopes)) {
                inScopes += leaf.reader().docFreq(IndexDocuments.scopeTerm(collection, scope));
            }
        }
        return inScopes == withVector;
    }
}
