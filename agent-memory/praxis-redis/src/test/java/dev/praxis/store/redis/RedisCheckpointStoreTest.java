package dev.praxis.store.redis;

import dev.praxis.testing.contract.CheckpointStoreContract;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.store.OldCheckpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.util.Map;

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

    @Test
    void runsSavedBeforeOwnerSetsAreIndexedWhenAStoreFirstOpensAndAreForgettable() {
        store(); // connects and flushes
        for (RunState run : OldCheckpoints.RUNS) { // as the old save script stored them
            redis.hset("praxis:run:" + run.runId(), Map.of("version", Long.toString(run.version()),
                    "phase", run.phase().name(), "state", OldCheckpoints.json(run)));
            redis.zadd("praxis:runs:" + run.phase().name(), run.updatedAt().toEpochMilli(), run.runId());
        }
        redis.del("praxis:runs:schema");

        OldCheckpoints.assertForgettable(new RedisCheckpointStore(redis));
        OldCheckpoints.assertStillForgotten(new RedisCheckpointStore(redis));
    }
}
