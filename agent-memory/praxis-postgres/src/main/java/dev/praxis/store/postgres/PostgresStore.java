package dev.praxis.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.praxis.memory.MemoryException;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.jdbc.NativeVectorSearch;

import java.sql.SQLException;

import java.util.Objects;

/**
 * Opens Praxis memory in a PostgreSQL database through a HikariCP connection pool, migrating the
 * schema on open. Vectors are stored as {@code BYTEA}. When the server has the pgvector extension
 * (0.5 or newer; created in the database if it is available and the user may), vectors are also
 * stored in a {@code vector} column with an HNSW index per collection, and searches use it.
 * Otherwise (or with {@link #openPortable}) they are searched exactly in the application, which
 * works on any PostgreSQL; for large stores then put a Lucene index in front
 * ({@link dev.praxis.store.lucene.LuceneIndexedStore}).
 *
 * <pre>{@code
 * try (JdbcStore store = PostgresStore.open("jdbc:postgresql://db:5432/app", "app", secret, 10)) { ... }
 * }</pre>
 */
public final class PostgresStore {

    private PostgresStore() {
    }

    /**
     * Opens the store at {@code jdbcUrl}; the password is used only to connect and never logged.
     *
     * @param maxConnections the pool size
     */
    public static JdbcStore open(String jdbcUrl, String user, String password, int maxConnections) {
        return open(jdbcUrl, user, password, maxConnections, true);
    }

    /** Like {@link #open}, but never uses pgvector: vectors are searched by scanning even when the server has it. */
    public static JdbcStore openPortable(String jdbcUrl, String user, String password, int maxConnections) {
        return open(jdbcUrl, user, password, maxConnections, false);
    }

    private static JdbcStore open(String jdbcUrl, String user, String password, int maxConnections,
                                  boolean pgvector) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl.split("\\?")[0]);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(maxConnections);
        pool.setPoolName("praxis-postgres");
        String name = jdbcUrl.split("\\?")[0];
        HikariDataSource dataSource = new HikariDataSource(pool);
        NativeVectorSearch search = null;
        if (pgvector) {
            try {
                search = PgVector.detect(dataSource).orElse(null);
            } catch (SQLException e) {
                dataSource.close();
                throw new MemoryException(name + ": checking for pgvector failed: " + e.getMessage(), e, true);
            }
        }
        return new JdbcStore(dataSource, Dialect.POSTGRES, name, search);
    }
}
