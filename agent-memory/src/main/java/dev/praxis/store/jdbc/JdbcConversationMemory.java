package dev.praxis.store.jdbc;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.Forgettable;
import dev.praxis.memory.MemoryException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Turn;
import dev.praxis.memory.Untrusted;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Durable conversation memory in a SQL database (table {@code praxis_turns}): each turn is one
 * row holding its messages as LangChain4j JSON (encrypted when a cipher is set), so a turn is
 * stored whole or not at all. {@link #messages} returns the newest whole turns that fit in
 * {@code maxMessages} (the newest turn always). Turns older than the window stay stored until
 * {@link #clear}, {@link #forget}, or their TTL, and so do their untrusted sources
 * ({@link #untrustedSources}); thread-safe. Obtained from
 * {@link JdbcStore#conversations(int, Duration, ContentCipher)}.
 */
public final class JdbcConversationMemory implements ConversationMemory, Forgettable {

    /** What every untrusted mark begins with ({@link Untrusted#HEADER}, {@link Untrusted#SUMMARY_NOTE}). */
    private static final String MARK = "[untrusted data ";

    private final Sql sql;
    private final int maxMessages;
    private final Duration ttl;
    private final ContentCipher cipher;
    private final Clock clock;

    JdbcConversationMemory(Sql sql, int maxMessages, Duration ttl, ContentCipher cipher, Clock clock) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, got " + maxMessages);
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        this.sql = sql;
        this.maxMessages = maxMessages;
        this.ttl = ttl;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public List<ChatMessage> messages(MemoryScope scope) {
        List<List<ChatMessage>> newestFirst = new ArrayList<>();
        sql.read("read conversation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT messages, message_count FROM praxis_turns WHERE "
                    + ScopeSql.scopeCondition(1) + " AND expires_at > ? ORDER BY seq DESC")) {
                ps.setFetchSize(64);
                int next = ScopeSql.bindScopes(ps, 1, List.of(scope));
                ps.setLong(next, clock.millis());
                try (ResultSet rs = ps.executeQuery()) {
                    int kept = 0;
                    while (rs.next() && (newestFirst.isEmpty() || kept + rs.getInt(2) <= maxMessages)) {
                        kept += rs.getInt(2);
                        newestFirst.add(decode(rs.getString(1), scope));
                    }
                }
            }
            return null;
        });
        Collections.reverse(newestFirst);
        return newestFirst.stream().flatMap(List::stream).toList();
    }

    @Override
    public void append(MemoryScope scope, Turn turn) {
        if (turn.isEmpty()) {
            return;
        }
        List<ChatMessage> copy = turn.messages();
        String stored = cipher.encrypt(ChatMessageSerializer.messagesToJson(copy), scope.key());
        long now = clock.millis();
        long expires = ttl.isZero() ? Long.MAX_VALUE : now + ttl.toMillis();
        sql.transaction("append turn", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO praxis_turns (tenant, usr, agent, session, "
                    + "messages, message_count, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ScopeSql.bindScopes(ps, 1, List.of(scope));
                ps.setString(5, stored);
                ps.setInt(6, copy.size());
                ps.setLong(7, now);
                ps.setLong(8, expires);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The sources marked in {@code messages} and in every stored turn of {@code scope}, those older
     * than the window included, until they expire: the turns still in the window were written with
     * them in the model's context. Reads the stored turns; without a cipher only those whose text
     * holds a mark.
     */
    @Override
    public Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
        Set<String> sources = new TreeSet<>(Untrusted.sources(messages));
        sql.read("read conversation marks", c -> {
            // both marks (a header, a summary note) start the same way; encrypted text can only be read
            String marked = cipher.encrypts() ? "" : " AND messages LIKE ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT messages FROM praxis_turns WHERE "
                    + ScopeSql.scopeCondition(1) + " AND expires_at > ?" + marked)) {
                int next = ScopeSql.bindScopes(ps, 1, List.of(scope));
                ps.setLong(next, clock.millis());
                if (!marked.isEmpty()) {
                    ps.setString(next + 1, "%" + MARK + "%");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sources.addAll(Untrusted.sources(decode(rs.getString(1), scope)));
                    }
                }
            }
            return null;
        });
        return sources.isEmpty() ? Set.of() : Collections.unmodifiableSet(sources);
    }

    @Override
    public void clear(MemoryScope scope) {
        sql.transaction("clear conversation", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_turns WHERE " + ScopeSql.scopeCondition(1))) {
                ScopeSql.bindScopes(ps, 1, List.of(scope));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long forget(String tenant, String user) {
        return sql.erase("forget a user's conversations", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_turns WHERE tenant = ? AND usr = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, user);
                return (long) ps.executeUpdate();
            }
        });
    }

    /** Deletes turns whose TTL has passed; returns how many. */
    public long purgeExpired() {
        return sql.transaction("purge expired turns", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM praxis_turns WHERE expires_at <= ?")) {
                ps.setLong(1, clock.millis());
                return (long) ps.executeUpdate();
            }
        });
    }

    private List<ChatMessage> decode(String stored, MemoryScope scope) {
        try {
            return ChatMessageDeserializer.messagesFromJson(cipher.decrypt(stored, scope.key()));
        } catch (MemoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MemoryException("a stored turn of " + scope + " is not valid message JSON: " + e.getMessage(),
                    e, false);
        }
    }
}
