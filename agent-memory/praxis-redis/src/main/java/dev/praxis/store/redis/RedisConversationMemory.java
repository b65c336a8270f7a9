package dev.praxis.store.redis;

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
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Conversation memory in Redis, for agents that run on several machines. Each scope is one list
 * ({@code praxis:conv:<scope key>}) of turns as LangChain4j JSON (encrypted when a cipher is
 * set); a per-user set indexes a user's lists for {@link #forget}. An append is one Lua script,
 * so the turn, its TTL and the index change together. The list keeps at most
 * {@code maxMessages} turns; {@link #messages} returns the newest whole turns that fit in
 * {@code maxMessages} messages. With a TTL, a conversation expires that long after its last turn.
 * The untrusted sources of its turns are kept beside the list ({@code praxis:marks:<scope key>}),
 * so trimming a marked turn does not drop them ({@link #untrustedSources}); they go with the
 * conversation (clear, forget, TTL).
 * Thread-safe when the Jedis client is (a {@code RedisClient} pools connections).
 *
 * <pre>{@code
 * var memory = new RedisConversationMemory(RedisClient.create("redis://localhost:6379"), 50,
 *         Duration.ofDays(30), ContentCipher.NONE);
 * }</pre>
 */
public final class RedisConversationMemory implements ConversationMemory, Forgettable {

    // ARGV[4..]: the turn's untrusted sources, kept in a set of their own that trimming leaves alone
    private static final String APPEND = "redis.call('RPUSH', KEYS[1], ARGV[1]) "
            + "redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1) "
            + "redis.call('SADD', KEYS[2], KEYS[1]) "
            + "if #ARGV > 3 then redis.call('SADD', KEYS[3], unpack(ARGV, 4)) redis.call('SADD', KEYS[2], KEYS[3]) end "
            + "if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) "
            + "redis.call('PEXPIRE', KEYS[2], ARGV[2]) redis.call('PEXPIRE', KEYS[3], ARGV[2]) end return 1";
    private static final String FORGET = "local keys = redis.call('SMEMBERS', KEYS[1]) local n = 0 "
            + "for _, k in ipairs(keys) do n = n + redis.call('DEL', k) end "
            + "redis.call('DEL', KEYS[1]) return n";

    private final UnifiedJedis redis;
    private final int maxMessages;
    private final Duration ttl;
    private final ContentCipher cipher;

    /**
     * A memory over {@code redis} (not closed by this class) keeping about {@code maxMessages}
     * messages per scope; {@code ttl} {@link Duration#ZERO} means conversations never expire.
     */
    public RedisConversationMemory(UnifiedJedis redis, int maxMessages, Duration ttl, ContentCipher cipher) {
        this.redis = Objects.requireNonNull(redis, "redis");
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, got " + maxMessages);
        }
        this.maxMessages = maxMessages;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public List<ChatMessage> messages(MemoryScope scope) {
        List<String> turns = call("read conversation", () -> redis.lrange(key(scope), 0, -1));
        List<List<ChatMessage>> newestFirst = new ArrayList<>();
        int kept = 0;
        for (int i = turns.size() - 1; i >= 0; i--) {
            List<ChatMessage> turn = decode(turns.get(i), scope);
            if (!newestFirst.isEmpty() && kept + turn.size() > maxMessages) {
                break;
            }
            kept += turn.size();
            newestFirst.add(turn);
        }
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
        List<String> args = new ArrayList<>(List.of(stored, Long.toString(ttl.toMillis()), Integer.toString(maxMessages)));
        Untrusted.sources(copy).forEach(source -> args.add(cipher.encrypt(source, scope.key())));
        call("append turn", () -> redis.eval(APPEND, List.of(key(scope), userIndex(scope.tenant(), scope.user()),
                marksKey(scope)), args));
    }

    /**
     * The sources marked in {@code messages} and in every turn appended to {@code scope}, trimmed
     * ones included, until the conversation is cleared, forgotten or expires: the turns still kept
     * were written with them in the model's context.
     */
    @Override
    public Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
        Set<String> stored = call("read conversation marks", () -> redis.smembers(marksKey(scope)));
        Set<String> sources = new TreeSet<>(Untrusted.sources(messages));
        stored.forEach(source -> sources.add(cipher.decrypt(source, scope.key())));
        return sources.isEmpty() ? Set.of() : Collections.unmodifiableSet(sources);
    }

    @Override
    public void clear(MemoryScope scope) {
        call("clear conversation", () -> redis.del(key(scope), marksKey(scope)));
    }

    @Override
    public long forget(String tenant, String user) {
        Object removed = call("forget a user", () -> redis.eval(FORGET, List.of(userIndex(tenant, user)), List.of()));
        return ((Number) removed).longValue();
    }

    /** The Redis key of a scope's conversation. */
    static String key(MemoryScope scope) {
        return "praxis:conv:" + scope.key();
    }

    private static String marksKey(MemoryScope scope) {
        return "praxis:marks:" + scope.key();
    }

    private static String userIndex(String tenant, String user) {
        return "praxis:user:" + new MemoryScope(tenant, user, MemoryScope.DEFAULT, MemoryScope.DEFAULT).key();
    }

    private List<ChatMessage> decode(String stored, MemoryScope scope) {
        try {
            return ChatMessageDeserializer.messagesFromJson(cipher.decrypt(stored, scope.key()));
        } catch (MemoryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MemoryException("a stored turn of " + scope + " is not valid message JSON", e, false);
        }
    }

    private static <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            throw new MemoryException("redis: " + operation + " failed: " + e.getMessage(), e, true);
        } catch (JedisException e) {
            throw new MemoryException("redis: " + operation + " failed: " + e.getMessage(), e, false);
        }
    }
}
