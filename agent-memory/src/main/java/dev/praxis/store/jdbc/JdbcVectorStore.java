package dev.praxis.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.ScoredRecord;
import dev.praxis.memory.StoreChecks;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.VectorRecord;
import dev.praxis.memory.VectorStore;
import dev.praxis.memory.Vectors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A {@link VectorStore} in a SQL database (table {@code praxis_vectors}): vectors as little-endian
 * float32 BLOBs, exact cosine search computed while streaming the scope's rows. Exact search reads
 * every live row of the named scopes, so it suits stores up to some tens of thousands of chunks;
 * wrap it in a Lucene index for more. With a {@link NativeVectorSearch} (pgvector) the database
 * finds the nearest ids instead, and the records found are scored exactly here.
 * Thread-safe; obtained from {@link JdbcStore#vectors()}.
 */
public final class JdbcVectorStore implements VectorStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, tenant, usr, agent, session, document_id, content, metadata, vector, expires_at";
    private static final int FETCH = 500;

    private final Sql sql;
    private final Runnable onClose;
    private final NativeVectorSearch nativeSearch;

    JdbcVectorStore(Sql sql, Runnable onClose, NativeVectorSearch nativeSearch) {
        this.sql = sql;
        this.onClose = onClose;
        this.nativeSearch = nativeSearch;
    }

    /** Whether searches run in the database ({@link NativeVectorSearch}) rather than by scanning. */
    public boolean searchesNatively() {
        return nativeSearch != null;
    }

    @Override
    public void replaceDocument(String collection, MemoryScope scope, String documentId, List<VectorRecord> records) {
        StoreChecks.requireCollectionName(collection);
        StoreChecks.requireSameDocument(scope, documentId, records);
        StoreChecks.requireDimension(collection, 0, records);
        sql.transaction("replace document '" + documentId + "'", c -> {
            if (!records.isEmpty()) {
                StoreChecks.requireDimension(collection, dimension(c, collection), records);
            }
            delete(c, collection, scope, documentId);
            insert(c, collection, records);
            if (nativeSearch != null && !records.isEmpty()) {
                nativeSearch.added(c, collection, records.get(0).vector().length);
            }
            return null;
        });
    }

    private static int dimension(Connection c, String collection) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT dims FROM praxis_vectors WHERE collection = ? LIMIT 1")) {
            ps.setString(1, collection);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static int delete(Connection c, String collection, MemoryScope scope, String documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_vectors WHERE collection = ? AND "
                + ScopeSql.scopeCondition(1) + " AND document_id = ?")) {
            ps.setString(1, collection);
            int next = ScopeSql.bindScopes(ps, 2, List.of(scope));
            ps.setString(next, documentId);
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, String collection, List<VectorRecord> records) throws SQLException {
        String extraColumn = nativeSearch == null ? "" : ", " + nativeSearch.column();
        String extraValue = nativeSearch == null ? "" : ", " + nativeSearch.placeholder();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_vectors (collection, " + COLUMNS
                + ", dims" + extraColumn + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + extraValue + ")")) {
            for (VectorRecord r : records) {
                ps.setString(1, collection);
                ps.setString(2, r.id());
                ScopeSql.bindScopes(ps, 3, List.of(r.scope()));
                ps.setString(7, r.documentId());
                ps.setString(8, r.content());
                ps.setString(9, toJson(r.metadata()));
                ps.setBytes(10, Vectors.toBytes(r.vector()));
                ps.setLong(11, r.expiresAt().toEpochMilli());
                ps.setInt(12, r.vector().length);
                if (nativeSearch != null) {
                    ps.setString(13, nativeSearch.value(r.vector()));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public int deleteDocument(String collection, MemoryScope scope, String documentId) {
        StoreChecks.requireCollectionName(collection);
        return sql.transaction("delete document '" + documentId + "'", c -> delete(c, collection, scope, documentId));
    }

    /**
     * Exact search in two passes: score every admitted row from its id and vector alone (metadata
     * is parsed only when the query filters on it), then read the full records of the best k.
     */
    @Override
    public List<ScoredRecord> search(String collection, VectorQuery query) {
        StoreChecks.requireCollectionName(collection);
        if (nativeSearch != null && !isZero(query.vector())) {
            List<String> ids = nearestIds(collection, query);
            if (ids.size() >= query.limit()) {
                return rescored(collection, query, ids);
            }
            // short: few records are admitted, or the index gave up; scanning them is exact and cheap
        }
        boolean filtered = !query.filter().isEmpty();
        String select = "SELECT id, vector" + (filtered ? ", metadata" : "") + " FROM praxis_vectors"
                + " WHERE collection = ? AND expires_at > ? AND " + ScopeSql.scopeCondition(query.scopes().size());
        PriorityQueue<Candidate> best = new PriorityQueue<>(query.limit() + 1, Comparator.comparingDouble(Candidate::score));
        sql.read("search " + collection, c -> {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setFetchSize(FETCH);
                ps.setString(1, collection);
                ps.setLong(2, query.now().toEpochMilli());
                ScopeSql.bindScopes(ps, 3, query.scopes());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (filtered && !matches(fromJson(rs.getString(3)), query.filter())) {
                            continue;
                        }
                        double score = Vectors.cosine(query.vector(), Vectors.fromBytes(rs.getBytes(2)));
                        if (score >= query.minScore() && (best.size() < query.limit() || score > best.peek().score())) {
                            best.add(new Candidate(rs.getString(1), score));
                            if (best.size() > query.limit()) {
                                best.poll();
                            }
                        }
                    }
                }
            }
            return null;
        });
        List<Candidate> ranked = new ArrayList<>(best);
        ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Map<String, Double> scores = new HashMap<>();
        ranked.forEach(cand -> scores.put(cand.id(), cand.score()));
        return get(collection, ranked.stream().map(Candidate::id).toList()).stream()
                .filter(query::admits).map(r -> new ScoredRecord(r, scores.get(r.id()))).toList();
    }

    private record Candidate(String id, double score) {
    }

    private List<String> nearestIds(String collection, VectorQuery query) {
        return sql.read("search " + collection, c -> {
            int dims = dimension(c, collection);
            if (dims == 0) {
                return List.<String>of();
            }
            if (dims != query.vector().length) {
                throw new IllegalArgumentException("vector dimensions differ: " + query.vector().length + " vs " + dims);
            }
            return nativeSearch.nearest(c, collection, query, dims);
        });
    }

    /** The records of {@code ids} the query admits, scored exactly, best first. */
    private List<ScoredRecord> rescored(String collection, VectorQuery query, List<String> ids) {
        return get(collection, ids).stream().filter(query::admits)
                .map(r -> new ScoredRecord(r, Vectors.cosine(query.vector(), r.vector())))
                .filter(s -> s.score() >= query.minScore())
                .sorted(Comparator.comparingDouble(ScoredRecord::score).reversed())
                .toList();
    }

    private static boolean isZero(float[] vector) {
        for (float x : vector) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Map<String, String> metadata, Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(e -> e.getValue().equals(metadata.get(e.getKey())));
    }

    @Override
    public List<VectorRecord> keywordMatches(String collection, VectorQuery query, List<String> terms) {
        StoreChecks.requireCollectionName(collection);
        if (terms.isEmpty()) {
            return List.of();
        }
        String like = " AND (" + String.join(" OR ", Collections.nCopies(terms.size(), "LOWER(content) LIKE ? ESCAPE '!'")) + ")";
        List<String> patterns = terms.stream().map(t -> "%" + escapeLike(t.toLowerCase(Locale.ROOT)) + "%").toList();
        List<VectorRecord> found = new ArrayList<>();
        scan(collection, query, like, patterns, r -> {
            if (found.size() < query.limit() && query.admits(r)) {
                found.add(r);
            }
        });
        return found;
    }

    private static String escapeLike(String term) {
        return term.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private void scan(String collection, VectorQuery query, String extra, List<String> extraParams,
                      Consumer<VectorRecord> action) {
        String select = "SELECT " + COLUMNS + " FROM praxis_vectors WHERE collection = ? AND expires_at > ? AND "
                + ScopeSql.scopeCondition(query.scopes().size()) + extra;
        sql.read("search " + collection, c -> {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setFetchSize(FETCH);
                ps.setString(1, collection);
                ps.setLong(2, query.now().toEpochMilli());
                int next = ScopeSql.bindScopes(ps, 3, query.scopes());
                for (String p : extraParams) {
                    ps.setString(next++, p);
                }
                readAll(ps, action);
            }
            return null;
        });
    }

    private static void readAll(PreparedStatement ps, Consumer<VectorRecord> action) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                action.accept(read(rs));
            }
        }
    }

    private static VectorRecord read(ResultSet rs) throws SQLException {
        MemoryScope scope = new MemoryScope(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
        return new VectorRecord(rs.getString(1), scope, rs.getString(6), rs.getString(7), fromJson(rs.getString(8)),
                Vectors.fromBytes(rs.getBytes(9)), Instant.ofEpochMilli(rs.getLong(10)));
    }

    @Override
    public List<VectorRecord> get(String collection, List<String> ids) {
        StoreChecks.requireCollectionName(collection);
        Map<String, VectorRecord> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += FETCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + FETCH));
            String select = "SELECT " + COLUMNS + " FROM praxis_vectors WHERE collection = ? AND id IN ("
                    + String.join(",", Collections.nCopies(batch.size(), "?")) + ")";
            sql.read("get " + collection, c -> {
                try (PreparedStatement ps = c.prepareStatement(select)) {
                    ps.setString(1, collection);
                    for (int i = 0; i < batch.size(); i++) {
                        ps.setString(i + 2, batch.get(i));
                    }
                    readAll(ps, r -> byId.put(r.id(), r));
                }
                return null;
            });
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void forEach(String collection, Consumer<VectorRecord> action) {
        StoreChecks.requireCollectionName(collection);
        sql.read("scan " + collection, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM praxis_vectors WHERE collection = ?")) {
                ps.setFetchSize(FETCH);
                ps.setString(1, collection);
                readAll(ps, action);
            }
            return null;
        });
    }

    @Override
    public long count(String collection) {
        StoreChecks.requireCollectionName(collection);
        return sql.read("count " + collection, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM praxis_vectors WHERE collection = ?")) {
                ps.setString(1, collection);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public long purgeExpired(Instant now) {
        return sql.transaction("purge expired records", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_vectors WHERE expires_at <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long forget(String tenant, String user) {
        return sql.erase("forget a user's records", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_vectors WHERE tenant = ? AND usr = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, user);
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        onClose.run();
    }

    private static String toJson(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new MemoryException("metadata cannot be written as JSON: " + e.getMessage(), e, false);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new MemoryException("stored metadata is not valid JSON: " + e.getMessage(), e, false);
        }
    }
}
