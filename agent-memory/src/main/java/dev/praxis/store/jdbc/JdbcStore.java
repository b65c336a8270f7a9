package dev.praxis.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.Forgettable;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.VectorStore;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One SQL database holding Praxis memory: a connection pool, the schema (migrated on open), a
 * {@link VectorStore}, run checkpoints, trajectories and any number of conversation memories over it. Open one per database
 * with {@link dev.praxis.store.sqlite.SqliteStore} or {@code PostgresStore} (artifact {@code praxis-postgres});
 * close it when the application stops. Thread-safe.
 */
public final class JdbcStore implements Forgettable, AutoCloseable {

    private final DataSource pool;
    private final AutoCloseable owned;
    private final Sql sql;
    private final JdbcVectorStore vectors;
    private final Dialect dialect;

    /**
     * Takes ownership of {@code pool}, migrates the schema and opens the stores, which search
     * vectors by scanning (the portable path).
     *
     * @param name a label for errors and logs (a file name, a host); never a password
     */
    public JdbcStore(HikariDataSource pool, Dialect dialect, String name) {
        this(pool, dialect, name, null);
    }

    /**
     * Like {@link #JdbcStore(HikariDataSource, Dialect, String)}, with vector search done by the
     * database through {@code nativeSearch}, installed after the migrations; null means scanning.
     */
    public JdbcStore(HikariDataSource pool, Dialect dialect, String name, NativeVectorSearch nativeSearch) {
        this(pool, pool, dialect, name, nativeSearch);
    }

    /**
     * A store over a connection pool the caller keeps (an application's {@code DataSource}, say):
     * migrates the schema and opens the stores; {@link #close()} leaves {@code dataSource} open.
     * Vectors are searched by scanning.
     *
     * @param name a label for errors and logs (a file name, a host); never a password
     * @throws MemoryException if the schema cannot be migrated
     */
    public static JdbcStore borrowing(DataSource dataSource, Dialect dialect, String name) {
        return new JdbcStore(Objects.requireNonNull(dataSource, "dataSource"), null, dialect, name, null);
    }

    private JdbcStore(DataSource pool, AutoCloseable owned, Dialect dialect, String name,
                      NativeVectorSearch nativeSearch) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.owned = owned;
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.sql = new Sql(pool, name, dialect);
        try {
            Migrations.migrate(pool, dialect);
            if (nativeSearch != null) {
                nativeSearch.install(pool);
            }
        } catch (SQLException e) {
            close();
            throw new MemoryException(name + ": preparing native vector search failed: " + e.getMessage(), e, false);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.vectors = new JdbcVectorStore(sql, this::close, nativeSearch);
    }

    /** The store's vectors (closing it closes this whole store). */
    public JdbcVectorStore vectors() {
        return vectors;
    }

    /** Conversation memory returning about the last {@code maxMessages} messages, plain text, no TTL. */
    public JdbcConversationMemory conversations(int maxMessages) {
        return conversations(maxMessages, Duration.ZERO, ContentCipher.NONE);
    }

    /**
     * Conversation memory with a window of {@code maxMessages}, turns that expire {@code ttl} after
     * they were written ({@link Duration#ZERO}: never) and content encrypted by {@code cipher}.
     */
    public JdbcConversationMemory conversations(int maxMessages, Duration ttl, ContentCipher cipher) {
        return new JdbcConversationMemory(sql, maxMessages, Objects.requireNonNull(ttl, "ttl"),
                Objects.requireNonNull(cipher, "cipher"), Clock.systemUTC());
    }

    /** Run checkpoints in this database, for resuming runs after a crash or an approval. */
    public JdbcCheckpointStore checkpoints() {
        return new JdbcCheckpointStore(sql);
    }

    /**
     * Agent runs and episodes with their feedback, for fine-tuning export and replay (see
     * {@link JdbcTrajectoryStore}); wrap it in {@link dev.praxis.env.EncryptedTrajectoryStore} to
     * encrypt the transcripts.
     */
    public JdbcTrajectoryStore trajectories() {
        return new JdbcTrajectoryStore(sql, Clock.systemUTC());
    }

    /** The dialect this store speaks. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Erases the user's vectors, conversations and run checkpoints (one transaction each); returns
     * the rows removed.
     */
    @Override
    public long forget(String tenant, String user) {
        return vectors.forget(tenant, user) + conversations(1).forget(tenant, user) + checkpoints().forget(tenant, user);
    }

    /** Closes the connection pool if this store owns it (see {@link #borrowing}). */
    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        try {
            owned.close();
        } catch (Exception e) {
            throw new MemoryException("closing the connection pool failed: " + e.getMessage(), e, false);
        }
    }
}
