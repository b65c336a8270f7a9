package dev.praxis.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;

import java.util.Objects;

/**
 * Opens Praxis memory in a PostgreSQL database through a HikariCP connection pool, migrating the
 * schema on open. Vectors are stored as {@code BYTEA} and searched exactly in the application
 * (the portable path, which works on any PostgreSQL); for large stores put a Lucene index in
 * front ({@link dev.praxis.store.lucene.LuceneIndexedStore}).
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
        return new JdbcStore(new HikariDataSource(pool), Dialect.POSTGRES, name);
    }
}
