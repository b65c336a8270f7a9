package dev.praxis.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.VectorQuery;
import dev.praxis.memory.Vectors;
import dev.praxis.store.jdbc.NativeVectorSearch;
import dev.praxis.store.jdbc.ScopeSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vector search by the pgvector extension. Every row also gets an {@code embedding vector} column,
 * and each collection an HNSW index for cosine distance over it. One column holds collections of
 * different dimensions, so the index is an expression index cast to the collection's dimension and
 * partial to that collection (the layout pgvector documents for mixed dimensions); queries repeat
 * the same cast and conditions so the planner can use it. From pgvector 0.8 the index scan is
 * iterative: it keeps going until enough rows pass the scope, expiry and metadata conditions.
 */
final class PgVector implements NativeVectorSearch {

    private static final Logger LOG = LoggerFactory.getLogger(PgVector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HNSW indexes arrived in pgvector 0.5.0, iterative index scans in 0.8.0. */
    private static final int[] HNSW_SINCE = {0, 5, 0};
    private static final int[] ITERATIVE_SINCE = {0, 8, 0};
    /** Candidates the index explores per query (pgvector's default is 40; more gives better recall). */
    private static final int EF_SEARCH = 100;
    private static final int BACKFILL_BATCH = 1000;
    private static final long INDEX_LOCK = 0x7072617869734cL;

    private final boolean iterativeScan;
    private final Set<String> knownIndexes = ConcurrentHashMap.newKeySet();

    private PgVector(boolean iterativeScan) {
        this.iterativeScan = iterativeScan;
    }

    /**
     * pgvector when the server has it: already created in the database, or available and created
     * now (which needs the privilege to create extensions). Empty otherwise, with the reason logged.
     */
    static Optional<PgVector> detect(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String version = installedVersion(s);
            if (version == null && available(s)) {
                try {
                    s.execute("CREATE EXTENSION IF NOT EXISTS vector");
                    version = installedVersion(s);
                } catch (SQLException e) {
                    LOG.warn("pgvector is available but cannot be created ({}); vectors are searched by scanning",
                            e.getMessage());
                }
            }
            if (version == null || !atLeast(version, HNSW_SINCE)) {
                LOG.info("no pgvector 0.5+ in this database (found: {}); vectors are searched by scanning", version);
                return Optional.empty();
            }
            LOG.info("using pgvector {} for vector search", version);
            return Optional.of(new PgVector(atLeast(version, ITERATIVE_SINCE)));
        }
    }

    private static String installedVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean available(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
            return rs.next();
        }
    }

    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("[^0-9]+");
        for (int i = 0; i < minimum.length; i++) {
            int part = i < parts.length && !parts[i].isEmpty() ? Integer.parseInt(parts[i]) : 0;
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    @Override
    public void install(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("ALTER TABLE praxis_vectors ADD COLUMN IF NOT EXISTS embedding vector");
            backfill(c);
            List<String[]> collections = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT collection, dims FROM praxis_vectors")) {
                while (rs.next()) {
                    collections.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] cd : collections) {
                added(c, cd[0], Integer.parseInt(cd[1]));
            }
        }
    }

    /** Rows written before pgvector was there get their embedding from the portable column. */
    private void backfill(Connection c) throws SQLException {
        int filled;
        do {
            filled = 0;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT collection, id, vector FROM praxis_vectors"
                         + " WHERE embedding IS NULL LIMIT " + BACKFILL_BATCH);
                 PreparedStatement update = c.prepareStatement("UPDATE praxis_vectors SET embedding = ?::vector"
                         + " WHERE collection = ? AND id = ?")) {
                while (rs.next()) {
                    update.setString(1, text(Vectors.fromBytes(rs.getBytes(3))));
                    update.setString(2, rs.getString(1));
                    update.setString(3, rs.getString(2));
                    update.addBatch();
                    filled++;
                }
                update.executeBatch();
            }
            if (filled > 0) {
                LOG.info("filled the pgvector column of {} existing rows", filled);
            }
        } while (filled == BACKFILL_BATCH);
    }

    @Override
    public String column() {
        return "embedding";
    }

    @Override
    public String placeholder() {
        return "?::vector";
    }

    @Override
    public String value(float[] vector) {
        return text(vector);
    }

    /** pgvector's text form of {@code vector}: {@code [x,y,...]} (float32 values round-trip exactly). */
    static String text(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            text.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return text.append(']').toString();
    }

    /** Creates the collection's index unless it exists; concurrent creators queue on an advisory lock. */
    @Override
    public void added(Connection c, String collection, int dims) throws SQLException {
        String name = "praxis_hnsw_" + collection + "_" + dims;
        if (knownIndexes.contains(name)) {
            return;
        }
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_indexes WHERE indexname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    knownIndexes.add(name);
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + INDEX_LOCK + ")");
            // collection names are checked identifiers ([a-z][a-z0-9_]*), safe to write into SQL
            s.execute("CREATE INDEX IF NOT EXISTS " + name + " ON praxis_vectors USING hnsw ((embedding"
                    + cast(dims) + ") vector_cosine_ops) WHERE " + partition(collection, dims));
        }
    }

    @Override
    public List<String> nearest(Connection c, String collection, VectorQuery query, int dims) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL hnsw.ef_search = " + Math.min(1000, Math.max(EF_SEARCH, query.limit())));
            if (iterativeScan) {
                s.execute("SET LOCAL hnsw.iterative_scan = strict_order");
            }
        }
        boolean filtered = !query.filter().isEmpty();
        try (PreparedStatement ps = c.prepareStatement(nearestSql(collection, dims, query.scopes().size(), filtered))) {
            ps.setLong(1, query.now().toEpochMilli());
            int next = ScopeSql.bindScopes(ps, 2, query.scopes());
            if (filtered) {
                ps.setString(next++, json(query));
            }
            ps.setString(next++, text(query.vector()));
            ps.setInt(next, query.limit());
            List<String> ids = new ArrayList<>(query.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /**
     * The search: parameters expiry instant, the scopes, the metadata filter as JSON (when
     * {@code filtered}), the query vector and the limit.
     */
    static String nearestSql(String collection, int dims, int scopes, boolean filtered) {
        return "SELECT id FROM praxis_vectors WHERE " + partition(collection, dims)
                + " AND expires_at > ? AND " + ScopeSql.scopeCondition(scopes)
                + (filtered ? " AND metadata::jsonb @> ?::jsonb" : "")
                + " ORDER BY embedding" + cast(dims) + " <=> ?" + cast(dims) + " LIMIT ?";
    }

    private static String cast(int dims) {
        return "::vector(" + dims + ")";
    }

    private static String partition(String collection, int dims) {
        return "collection = '" + collection + "' AND dims = " + dims;
    }

    private static String json(VectorQuery query) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(query.filter()));
        } catch (JsonProcessingException e) {
            throw new MemoryException("metadata filter cannot be written as JSON: " + e.getMessage(), e, false);
        }
    }
}
