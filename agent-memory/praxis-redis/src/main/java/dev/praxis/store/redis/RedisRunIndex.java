package dev.praxis.store.redis;

import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.RunState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.util.List;
import java.util.Optional;

/**
 * The one-time migration of {@link RedisCheckpointStore}'s data to owner sets: runs saved by a
 * version that kept none get their owner (read from their state) recorded and indexed. A marker
 * key records that it ran; each run is indexed by a script that checks it is still there and
 * still unindexed, so stores opening together, or saving meanwhile, do no harm.
 */
final class RedisRunIndex {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRunIndex.class);
    private static final String SCHEMA = "praxis:runs:schema";
    private static final int VERSION = 1;
    private static final String INDEX = "if redis.call('EXISTS', KEYS[1]) == 0 "
            + "or redis.call('HEXISTS', KEYS[1], 'owner') == 1 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'owner', ARGV[1]) redis.call('SADD', ARGV[1], ARGV[2]) return 1";

    private RedisRunIndex() {
    }

    static void indexOldRuns(UnifiedJedis redis) {
        String schema = redis.get(SCHEMA);
        if (schema != null && Integer.parseInt(schema) >= VERSION) {
            return;
        }
        ScanParams match = new ScanParams().match(RedisCheckpointStore.RUN + "*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String key : page.getResult()) {
                index(redis, key);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        redis.set(SCHEMA, Integer.toString(VERSION));
    }

    private static void index(UnifiedJedis redis, String key) {
        if (redis.hexists(key, "owner")) {
            return;
        }
        String json = redis.hget(key, "state");
        String runId = key.substring(RedisCheckpointStore.RUN.length());
        Optional<Owner> owner;
        try {
            owner = json == null ? Optional.empty() : RunState.ownerInJson(json);
        } catch (CheckpointException e) {
            // the message may quote the state, which is the user's: not logged
            LOG.warn("run {} has a malformed state with no readable owner, so forget cannot find it", runId);
            return;
        }
        if (owner.isPresent()) {
            redis.eval(INDEX, List.of(key), List.of(RedisCheckpointStore.ownerKey(owner.get()), runId));
        }
    }
}
