package dev.praxis.spring;

import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.state.CheckpointStore;
import dev.praxis.store.redis.RedisCheckpointStore;
import dev.praxis.store.redis.RedisConversationMemory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Memory and checkpoints in Redis ({@code praxis.memory.store=redis},
 * {@code praxis.checkpoints.store=redis}): agent-memory's Redis stores over the application's
 * {@link UnifiedJedis} bean, or a client for {@code praxis.redis.url}
 * ({@code spring.data.redis.url}, else {@code redis://localhost:6379}).
 */
@AutoConfiguration(before = PraxisAutoConfiguration.class)
@ConditionalOnClass({RedisCheckpointStore.class, UnifiedJedis.class})
@Conditional(PraxisRedisStoreAutoConfiguration.UsesRedis.class)
public class PraxisRedisStoreAutoConfiguration {

    /** A client for {@code praxis.redis.url}; closed with the application context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    UnifiedJedis praxisRedis(PraxisProperties properties, Environment environment) {
        String url = properties.redis().url() != null ? properties.redis().url()
                : environment.getProperty("spring.data.redis.url", "redis://localhost:6379");
        return RedisClient.create(url);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "praxis.memory.store", havingValue = "redis")
    ConversationMemory praxisConversationMemory(UnifiedJedis redis, PraxisProperties properties) {
        return new RedisConversationMemory(redis, properties.memory().maxMessages(), properties.memory().ttl(),
                ContentCipher.NONE);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "praxis.checkpoints.store", havingValue = "redis")
    CheckpointStore praxisCheckpointStore(UnifiedJedis redis) {
        return new RedisCheckpointStore(redis);
    }

    /** Either store set to {@code redis}. */
    static final class UsesRedis extends AnyNestedCondition {

        UsesRedis() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "praxis.memory.store", havingValue = "redis")
        static final class Memory {
        }

        @ConditionalOnProperty(name = "praxis.checkpoints.store", havingValue = "redis")
        static final class Checkpoints {
        }
    }
}
