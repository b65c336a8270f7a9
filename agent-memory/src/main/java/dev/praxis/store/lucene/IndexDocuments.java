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

    static Document of(String collection, VectorRecord r) {
        Document d = new Document();
        d.add(new StringField(ID, r.id(), Field.Store.YES));
        d.add(new StringField(COLLECTION, collection, Field.Store.NO));
        d.add(new StringField(SCOPE, r.scope().key(), Field.Store.NO));
        d.add(new StringField(DOCUMENT, documentKey(collection, r.scope(), r.documentId()), Field.Store.NO));
        d.add(new StringField(USER, userKey(r.scope().tenant(), r.scope().user()), Field.Store.NO));
        d.add(new LongPoint(EXPIRES, r.expiresAt().toEpochMilli()));
        for (Map.Entry<String, String> e : r.metadata().entrySet()) {
            d.add(new StringField(META + e.getKey(), e.getValue(), Field.Store.NO));
        }
        d.add(new KnnFloatVectorField(vectorField(collection), nonZero(r.vector()), VectorSimilarityFunction.COSINE));
        return d;
    }

    /** Cosine is undefined for a zero vector (Lucene rejects it); index a tiny one that matches nothing well. */
    private static float[] nonZero(float[] v) {
        for (float x : v) {
            if (x != 0) {
                return v;
            }
        }
        float[] tiny = new float[v.length];
        tiny[0] = Float.MIN_NORMAL;
        return tiny;
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

    /** Collection, scopes (any of), live at the query's instant, every metadata entry. */
    static Query filter(String collection, VectorQuery query) {
        BooleanQuery.Builder scopes = new BooleanQuery.Builder();
        query.scopes().forEach(s -> scopes.add(new TermQuery(new Term(SCOPE, s.key())), BooleanClause.Occur.SHOULD));
        BooleanQuery.Builder all = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(COLLECTION, collection)), BooleanClause.Occur.FILTER)
                .add(scopes.build(), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery(EXPIRES, query.now().toEpochMilli() + 1, Long.MAX_VALUE),
                        BooleanClause.Occur.FILTER);
        query.filter().forEach((k, v) -> all.add(new TermQuery(new Term(META + k, v)), BooleanClause.Occur.FILTER));
        return all.build();
    }

    private static String documentKey(String collection, MemoryScope scope, String documentId) {
        return collection + SEP + scope.key() + SEP + documentId;
    }

    private static String userKey(String tenant, String user) {
        return tenant + SEP + user;
    }
}
