package dev.praxis.store.redis;

import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointForgottenException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Run checkpoints in Redis (key-value state shared by agent processes). Each run is a hash
 * ({@code praxis:run:<id>}: version, phase, owner, state JSON), each phase a sorted set of run ids
 * by update time, and each owner a set of their run ids ({@code praxis:runs:owner:<tenant>/<user>})
 * for {@link #forget}. A save is one Lua script that compares versions and moves the run between
 * phase sets and into its owner's set, so concurrent savers cannot both win and the index never
 * lags the runs; forget is one script too, and leaves the erased ids in
 * {@code praxis:runs:forgotten} so a late save cannot store them again. Runs saved by a version
 * without the owner sets are indexed once, when a store first opens the database. Durability is
 * Redis's own (AOF or snapshots, as the server is configured). Thread-safe when the client is.
 */
public final class RedisCheckpointStore implements CheckpointStore {

    private static final String SAVE = "if redis.call('SISMEMBER', ARGV[7], ARGV[6]) == 1 then return -2 end "
            + "local v = redis.call('HGET', KEYS[1], 'version') "
            + "if v and tonumber(v) >= tonumber(ARGV[1]) then return tonumber(v) end "
            + "local old = redis.call('HGET', KEYS[1], 'phase') "
            + "if old then redis.call('ZREM', ARGV[5] .. old, ARGV[6]) end "
            + "redis.call('HSET', KEYS[1], 'version', ARGV[1], 'phase', ARGV[2], 'state', ARGV[3]) "
            + "if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'owner', ARGV[8]) "
            + "redis.call('SADD', ARGV[8], ARGV[6]) end "
            + "redis.call('ZADD', ARGV[5] .. ARGV[2], ARGV[4], ARGV[6]) return -1";
    private static final String DELETE = "local old = redis.call('HGET', KEYS[1], 'phase') "
            + "if old then redis.call('ZREM', ARGV[1] .. old, ARGV[2]) end "
            + "local owner = redis.call('HGET', KEYS[1], 'owner') "
            + "if owner then redis.call('SREM', owner, ARGV[2]) end return redis.call('DEL', KEYS[1])";
    private static final String FORGET = "local n = 0 "
            + "for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do "
            + "local key = ARGV[1] .. id "
            + "if redis.call('HGET', key, 'owner') == KEYS[1] then "
            + "redis.call('ZREM', ARGV[2] .. redis.call('HGET', key, 'phase'), id) "
            + "redis.call('DEL', key) redis.call('SADD', ARGV[3], id) n = n + 1 end end "
            + "redis.call('DEL', KEYS[1]) return n";
    static final String RUN = "praxis:run:";
    private static final String PHASE = "praxis:runs:";
    private static final String FORGOTTEN = "praxis:runs:forgotten";

    private final UnifiedJedis redis;

    /**
     * A store over {@code redis}, which the caller keeps and closes. The first store to open a
     * database whose runs were saved by an older version indexes them by owner.
     *
     * @throws CheckpointException if Redis fails while indexing old runs
     */
    public RedisCheckpointStore(UnifiedJedis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
        call("index old runs by owner", () -> {
            RedisRunIndex.indexOldRuns(redis);
            return null;
        });
    }

    @Override
    public void save(RunState state) {
        String json = state.toJson();
        String owner = state.owner().map(RedisCheckpointStore::ownerKey).orElse("");
        Object stored = call("save run " + state.runId(), () -> redis.eval(SAVE, List.of(key(state.runId())),
                List.of(Long.toString(state.version()), state.phase().name(), json,
                        Long.toString(state.updatedAt().toEpochMilli()), PHASE, state.runId(), FORGOTTEN, owner)));
        long version = ((Number) stored).longValue();
        if (version == -2) {
            throw new CheckpointForgottenException(state.runId());
        }
        if (version >= 0) {
            throw new CheckpointConflictException(state.runId(), version, state.version());
        }
    }

    @Override
    public Optional<RunState> load(String runId) {
        String json = call("load run " + runId, () -> redis.hget(key(runId), "state"));
        return json == null ? Optional.empty() : Optional.of(RunState.fromJson(json));
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return call("list runs", () -> redis.zrange(PHASE + phase.name(), 0, -1));
    }

    @Override
    public void delete(String runId) {
        call("delete run " + runId, () -> redis.eval(DELETE, List.of(key(runId)), List.of(PHASE, runId)));
    }

    @Override
    public long forget(String tenant, String user) {
        Object erased = call("forget a user's runs", () -> redis.eval(FORGET,
                List.of(ownerKey(new Owner(tenant, user))), List.of(RUN, PHASE, FORGOTTEN)));
        return ((Number) erased).longValue();
    }

    /** The key of the set of {@code owner}'s run ids ({@code /} and {@code %} in names escaped). */
    static String ownerKey(Owner owner) {
        return PHASE + "owner:" + escape(owner.tenant()) + "/" + escape(owner.user());
    }

    private static String escape(String name) {
        return name.replace("%", "%25").replace("/", "%2F");
    }

    private static String key(String runId) {
        return RUN + runId;
    }

    static <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            throw new CheckpointException("redis: " + operation + " failed: " + e.getMessage(), e, true);
        } catch (JedisException e) {
            throw new CheckpointException("redis: " + operation + " failed: " + e.getMessage(), e, false);
        }
    }
}
