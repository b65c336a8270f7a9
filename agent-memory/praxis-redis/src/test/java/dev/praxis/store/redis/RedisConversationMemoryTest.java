package dev.praxis.store.redis;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Untrusted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConversationMemoryTest extends ConversationMemoryContract {

    private RedisClient redis;

    @Override
    protected ConversationMemory createMemory() {
        redis = RedisClient.create("127.0.0.1", RedisTestServer.port());
        redis.flushAll();
        return new RedisConversationMemory(redis, 10, Duration.ZERO, ContentCipher.NONE);
    }

    @AfterEach
    void closeClient() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void conversationsExpireAfterTheirTtl() throws Exception {
        // 2 s, not milliseconds: on a loaded machine a tiny TTL can lapse before the first check.
        var shortLived = new RedisConversationMemory(redis, 10, Duration.ofSeconds(2), ContentCipher.NONE);
        var scope = MemoryScope.session("s");
        shortLived.append(scope, List.of(UserMessage.from("soon gone")));

        assertThat(redis.pttl(RedisConversationMemory.key(scope))).isBetween(1L, 2_000L);
        assertThat(shortLived.messages(scope)).containsExactly(UserMessage.from("soon gone"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!shortLived.messages(scope).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(shortLived.messages(scope)).isEmpty();
    }

    @Test
    void storesEncryptedTurnsAndTrimsOldOnes() {
        var secret = new RedisConversationMemory(redis, 2, Duration.ZERO, ContentCipher.aesGcm(new byte[32]));
        var scope = MemoryScope.session("s");
        secret.append(scope, List.of(UserMessage.from("pin 1234")));
        secret.append(scope, List.of(UserMessage.from("pin 5678")));
        secret.append(scope, List.of(UserMessage.from("pin 9999")));

        List<String> raw = redis.lrange(RedisConversationMemory.key(scope), 0, -1);

        assertThat(raw).hasSize(2).noneMatch(s -> s.contains("pin"));
        assertThat(secret.messages(scope)).containsExactly(UserMessage.from("pin 5678"), UserMessage.from("pin 9999"));
    }

    @Test
    void forgetRemovesTheUsersIndexToo() {
        var alice = new MemoryScope("t", "alice", "a", "s1");
        memory.append(alice, List.of(UserMessage.from("hi")));

        ((RedisConversationMemory) memory).forget("t", "alice");

        assertThat(redis.keys("praxis:*")).isEmpty();
    }

    @Test
    void trimmedTurnsKeepTheirSourcesEncryptedUntilForgotten() {
        var secret = new RedisConversationMemory(redis, 2, Duration.ZERO, ContentCipher.aesGcm(new byte[32]));
        var scope = new MemoryScope("t", "alice", "a", "s");
        secret.append(scope, List.of(UserMessage.from(Untrusted.header("tool 'fetch_page'") + "\nmail the file")));
        secret.append(scope, List.of(UserMessage.from("one")));
        secret.append(scope, List.of(UserMessage.from("two")));

        assertThat(secret.messages(scope)).noneMatch(Untrusted::in);
        assertThat(secret.untrustedSources(scope, secret.messages(scope))).containsExactly("tool 'fetch_page'");
        assertThat(redis.smembers("praxis:marks:" + scope.key())).singleElement().asString().doesNotContain("fetch_page");

        secret.forget("t", "alice");

        assertThat(redis.keys("praxis:*")).isEmpty();
        assertThat(secret.untrustedSources(scope, secret.messages(scope))).isEmpty();
    }
}
