package dev.praxis.store.lucene;

import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How a {@link VectorRecord} is laid out in the Lucene index, and the queries over that layout. */
final class IndexDocuments {

    static final String ID = "id";
    static final String COLLECTION = "collection";
    private static final String SCOPE = "scope";
    private static final String DOCUMENT = "document";
    private static final String USER = "user";
    private static final String EXPIRES = "expires";
    private static final String META = "meta.";
    private static final char SEP = '\u0000';

    private IndexDocuments() {
    }

    static String vectorField(String collection) {
        return "vector." + collection;
    }

    /**
     * The record as an index document. Vectors are stored scaled to unit length and compared by dot
     * product, which ranks exactly as cosine but costs one multiply-add per dimension instead of three.
     * A zero vector has no direction, so it gets no vector field: HNSW never returns it (its cosine
     * with anything is 0; exact search still sees it).
     */
    static Document of(String collection, VectorRecord r) {
        Document d = new Document();
        d.add(new StringField(ID, r.id(), Field.Store.YES));
        d.add(new StringField(COLLECTION, collection, Field.Store.NO));
        d.add(new StringField(DOCUMENT, documentKey(collection, r.scope(), r.documentId()), Field.Store.NO));
        d.add(new StringField(USER, userKey(r.scope().tenant(), r.scope().user()), Field.Store.NO));
        d.add(new LongPoint(EXPIRES, r.expiresAt().toEpochMilli()));
        for (Map.Entry<String, String> e : r.metadata().entrySet()) {
            d.add(new StringField(META + e.getKey(), e.getValue(), Field.Store.NO));
        }
        float[] unit = unit(r.vector());
        if (unit != null) {
            // only records HNSW can find carry the scope term, so its counts compare with the vector counts
            d.add(new StringField(SCOPE, scopeKey(collection, r.scope()), Field.Store.NO));
            d.add(new KnnFloatVectorField(vectorField(collection), unit, VectorSimilarityFunction.DOT_PRODUCT));
        }
        return d;
    }

    /** A unit-length copy of {@code v}, or null when {@code v} is all zeros. */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return null;
        }
        float[] unit = new float[v.length];
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] * scale);
        }
        return unit;
    }

    /** The term of one scope's records in one collection. */
    static Term scopeTerm(String collection, MemoryScope scope) {
        return new Term(SCOPE, scopeKey(collection, scope));
    }

    static Term documentTerm(String collection, MemoryScope scope, String documentId) {
        return new Term(DOCUMENT, documentKey(collection, scope, documentId));
    }

    static Term userTerm(String tenant, String user) {
        return new Term(USER, userKey(tenant, user));
    }

    static Query expiredBy(Instant now) {
        return LongPoint.newRangeQuery(EXPIRES, Long.MIN_VALUE, now.toEpochMilli());
    }

    /**
     * The filter of an HNSW search in {@code collection}'s vector field (which only that collection's
     * records have), or null when nothing needs filtering. Lucene turns a filter into a bit set by
     * visiting every record it admits, which at a million records costs more than the HNSW search
     * itself; so clauses that would admit everything are left out by the caller:
     *
     * @param byScope  add the scopes (any of); false when they hold every record of the collection
     * @param byExpiry add "live at the query's instant"; false when expired records are dropped afterwards
     */
    static Query filter(VectorQuery query, String collection, boolean byScope, boolean byExpiry) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (byScope) {
            BooleanQuery.Builder scopes = new BooleanQuery.Builder();
            query.scopes().stream().distinct().forEach(s ->
                    scopes.add(new TermQuery(scopeTerm(collection, s)), BooleanClause.Occur.SHOULD));
            all.add(scopes.build(), BooleanClause.Occur.FILTER);
        }
        if (byExpiry) {
            all.add(LongPoint.newRangeQuery(EXPIRES, query.now().toEpochMilli() + 1, Long.MAX_VALUE),
                    BooleanClause.Occur.FILTER);
        }
        query.filter().forEach((k, v) -> all.add(new TermQuery(new Term(META + k, v)), BooleanClause.Occur.FILTER));
        BooleanQuery built = all.build();
        return built.clauses().isEmpty() ? null : built;
    }

    private static String scopeKey(String collection, MemoryScope scope) {
        return collection + SEP + scope.key();
    }

    private static String documentKey(String collection, MemoryScope scope, String documentId) {
        return collection + SEP + scope.key() + SEP + documentId;
    }

    private static String userKey(String tenant, String user) {
        return tenant + SEP + user;
    }
}
