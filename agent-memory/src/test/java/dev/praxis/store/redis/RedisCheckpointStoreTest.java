package dev.praxis.store.redis;

import dev.praxis.state.CheckpointStore;
import dev.praxis.state.CheckpointStoreContract;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.RedisClient;

class RedisCheckpointStoreTest extends CheckpointStoreContract {

    private RedisClient redis;

    @Override
    protected CheckpointStore store() {
        if (redis == null) {
            redis = RedisClient.create("127.0.0.1", RedisTestServer.port());
            redis.flushAll();
        }
        return new RedisCheckpointStore(redis);
    }

    @AfterEach
    void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
