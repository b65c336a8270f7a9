package dev.praxis.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.praxis.memory.MemoryException;
import dev.praxis.store.jdbc.Dialect;
import dev.praxis.store.jdbc.JdbcStore;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens Praxis memory in one SQLite file: the embedded default, nothing to install or run.
 * The file uses WAL journaling (readers never block the writer; a crash loses at most the
 * transaction in flight), full synchronous commits, a 10-second busy timeout and
 * {@code BEGIN IMMEDIATE} transactions so concurrent writers queue instead of failing. Deleted
 * content is overwritten ({@code secure_delete}), and forget truncates the log after it, so
 * forgotten data does not linger in the file.
 *
 * <pre>{@code
 * try (JdbcStore store = SqliteStore.open(Path.of("memory.db"))) {
 *     ConversationMemory chats = store.conversations(50);
 *     KnowledgeStore knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), LocalEmbeddings.allMiniLm()).build();
 * }
 * }</pre>
 */
public final class SqliteStore {

    private SqliteStore() {
    }

    /** Opens (creating if needed) the store in {@code file}, migrating its schema. */
    public static JdbcStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new MemoryException("cannot create the folder of " + file + ": " + e.getMessage(), e, false);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // forget must erase: deleted content is overwritten, not left in free pages
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(4);
        pool.setPoolName("praxis-sqlite");
        // a fresh file opened by another thread or process is locked while it is set up and migrated:
        // keep trying for the first connection as long as SQLite's own busy timeout would wait
        pool.setInitializationFailTimeout(10_000);
        return new JdbcStore(new HikariDataSource(pool), Dialect.SQLITE, file.getFileName().toString());
    }
}
