package dev.praxis.store.redis;

import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.state.RunStateJson;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Run checkpoints in Redis (key-value state shared by agent processes). Each run is a hash
 * ({@code praxis:run:<id>}: version, phase, state JSON) and each phase a sorted set of run ids by
 * update time. A save is one Lua script that compares versions and moves the run between phase
 * sets, so concurrent savers cannot both win. Durability is Redis's own (AOF or snapshots, as
 * the server is configured). Thread-safe when the client is.
 */
public final class RedisCheckpointStore implements CheckpointStore {

    private static final String SAVE = "local v = redis.call('HGET', KEYS[1], 'version') "
            + "if v and tonumber(v) >= tonumber(ARGV[1]) then return tonumber(v) end "
            + "local old = redis.call('HGET', KEYS[1], 'phase') "
            + "if old then redis.call('ZREM', ARGV[5] .. old, ARGV[6]) end "
            + "redis.call('HSET', KEYS[1], 'version', ARGV[1], 'phase', ARGV[2], 'state', ARGV[3]) "
            + "redis.call('ZADD', ARGV[5] .. ARGV[2], ARGV[4], ARGV[6]) return -1";
    private static final String DELETE = "local old = redis.call('HGET', KEYS[1], 'phase') "
            + "if old then redis.call('ZREM', ARGV[1] .. old, ARGV[2]) end return redis.call('DEL', KEYS[1])";
    private static final String PHASE = "praxis:runs:";

    private final UnifiedJedis redis;

    /** A store over {@code redis}, which the caller keeps and closes. */
    public RedisCheckpointStore(UnifiedJedis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public void save(RunState state) {
        String json = RunStateJson.write(state);
        Object stored = call("save run " + state.runId(), () -> redis.eval(SAVE, List.of(key(state.runId())),
                List.of(Long.toString(state.version()), state.phase().name(), json,
                        Long.toString(state.updatedAt().toEpochMilli()), PHASE, state.runId())));
        long version = ((Number) stored).longValue();
        if (version >= 0) {
            throw new CheckpointConflictException(state.runId(), version, state.version());
        }
    }

    @Override
    public Optional<RunState> load(String runId) {
        String json = call("load run " + runId, () -> redis.hget(key(runId), "state"));
        return json == null ? Optional.empty() : Optional.of(RunStateJson.read(json));
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return call("list runs", () -> redis.zrange(PHASE + phase.name(), 0, -1));
    }

    @Override
    public void delete(String runId) {
        call("delete run " + runId, () -> redis.eval(DELETE, List.of(key(runId)), List.of(PHASE, runId)));
    }

    private static String key(String runId) {
        return "praxis:run:" + runId;
    }

    private static <T> T call(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            throw new CheckpointException("redis: " + operation + " failed: " + e.getMessage(), e, true);
        } catch (JedisException e) {
            throw new CheckpointException("redis: " + operation + " failed: " + e.getMessage(), e, false);
        }
    }
}
