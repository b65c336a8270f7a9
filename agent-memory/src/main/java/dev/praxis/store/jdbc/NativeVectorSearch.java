package dev.praxis.store.jdbc;

import dev.praxis.memory.VectorQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Nearest-neighbour search done by the database itself (PostgreSQL with pgvector), for a
 * {@link JdbcVectorStore}. The store keeps writing its portable {@code vector} column and reads
 * records from it; an implementation adds its own column, filled on every insert, and an index
 * over it. A store without one searches by scanning (the portable path).
 */
public interface NativeVectorSearch {

    /** Prepares the database once the schema is migrated: column, existing rows, indexes. */
    void install(DataSource dataSource) throws SQLException;

    /** The column written on insert, beside the portable one. */
    String column();

    /** The SQL placeholder of that column in an {@code INSERT}, e.g. {@code ?::vector}. */
    String placeholder();

    /** The value bound to {@link #placeholder()} for {@code vector}. */
    String value(float[] vector);

    /** Called in the write transaction after records of {@code dims} dimensions were added to {@code collection}. */
    void added(Connection connection, String collection, int dims) throws SQLException;

    /**
     * Ids of at most {@code query.limit()} nearest records of {@code collection} (whose vectors have
     * {@code dims} dimensions) that the query admits: scopes, expiry and metadata filter applied
     * in SQL, nearest first. Runs inside a read transaction.
     */
    List<String> nearest(Connection connection, String collection, VectorQuery query, int dims) throws SQLException;
}
