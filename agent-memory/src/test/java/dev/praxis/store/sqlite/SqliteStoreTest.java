package dev.praxis.store.sqlite;

import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.Document;
import dev.praxis.memory.EmbeddingKnowledgeStore;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest {

    @TempDir
    Path dir;

    @Test
    void createsAWalFileWithVersionedSchema() throws Exception {
        Path file = dir.resolve("nested/memory.db");
        SqliteStore.open(file).close();
        SqliteStore.open(file).close();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM praxis_schema")) {
                int latest = dev.praxis.store.jdbc.Dialect.SQLITE.migrations().size();
                assertThat(rs.getInt(1)).isEqualTo(latest);
                assertThat(rs.getInt(2)).isEqualTo(latest);
            }
        }
    }

    @Test
    void aBorrowingStoreMigratesTheCallersDataSourceAndLeavesItOpenWhenClosed() throws Exception {
        var dataSource = new org.sqlite.SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
        var scope = new MemoryScope("t", "alice", "a", "s");

        try (var store = dev.praxis.store.jdbc.JdbcStore.borrowing(dataSource, dev.praxis.store.jdbc.Dialect.SQLITE,
                "app.db")) {
            store.conversations(10).append(scope, List.of(UserMessage.from("hi")));
        }

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM praxis_schema")) {
            assertThat(rs.getInt(1)).isEqualTo(dev.praxis.store.jdbc.Dialect.SQLITE.migrations().size());
        }
        try (var again = dev.praxis.store.jdbc.JdbcStore.borrowing(dataSource, dev.praxis.store.jdbc.Dialect.SQLITE,
                "app.db")) {
            assertThat(again.conversations(10).messages(scope)).hasSize(1);
        }
    }

    @Test
    void forgetErasesTheUsersConversationsAndVectors() {
        try (var store = SqliteStore.open(dir.resolve("memory.db"))) {
            var alice = new MemoryScope("t", "alice", "a", "s");
            var bob = new MemoryScope("t", "bob", "a", "s");
            store.conversations(10).append(alice, List.of(UserMessage.from("hi")));
            store.conversations(10).append(bob, List.of(UserMessage.from("hi")));
            var knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), new HashingEmbeddingModel()).build();
            knowledge.add(alice, Document.of("d", "alice's notes"));

            assertThat(store.forget("t", "alice")).isEqualTo(2);

            assertThat(store.conversations(10).messages(alice)).isEmpty();
            assertThat(store.conversations(10).messages(bob)).hasSize(1);
            assertThat(store.vectors().count("knowledge")).isZero();
        }
    }

    @Test
    void refusesASchemaNewerThanThisCode() throws Exception {
        Path file = dir.resolve("memory.db");
        SqliteStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO praxis_schema (version, applied_at) VALUES (99, 0)");
        }

        assertThatThrownBy(() -> SqliteStore.open(file)).isInstanceOf(MemoryException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void readsDoNotWaitForAWriterHoldingTheWriteLock() throws Exception {
        Path file = dir.resolve("memory.db");
        try (var store = SqliteStore.open(file)) {
            var scope = new MemoryScope("t", "alice", "a", "s");
            var knowledge = EmbeddingKnowledgeStore.builder(store.vectors(), new HashingEmbeddingModel()).build();
            knowledge.add(scope, Document.of("d", "refunds take fourteen days"));
            store.conversations(10).append(scope, List.of(UserMessage.from("hi")));

            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("DELETE FROM praxis_turns");
                // the other connection now holds the write lock; a read that wanted it would fail after the busy timeout

                assertThat(knowledge.recall(scope, dev.praxis.memory.KnowledgeQuery.of("refunds"))).hasSize(1);
                assertThat(store.conversations(10).messages(scope)).hasSize(1);
                s.execute("ROLLBACK");
            }
        }
    }
}
