package dev.praxis.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One forget over every place an application keeps a person's data, each store named, so none
 * is missed and one failing store does not stop the others. Immutable and thread-safe.
 *
 * <pre>{@code
 * Forgetting everyone = Forgetting.of("memory.db", sqliteStore)        // vectors, turns, checkpoints
 *         .and("redis-runs", redisCheckpoints).and("support-agent", agent);
 * Map<String, Long> erased = everyone.forgetEach("acme", "alice");     // {memory.db=12, redis-runs=2, support-agent=0}
 * }</pre>
 */
public final class Forgetting implements Forgettable {

    private final Map<String, Forgettable> stores;

    private Forgetting(Map<String, Forgettable> stores) {
        this.stores = stores;
    }

    /** Forgetting over {@code store}, reported as {@code name}. */
    public static Forgetting of(String name, Forgettable store) {
        return new Forgetting(Map.of()).and(name, store);
    }

    /**
     * This forgetting and {@code store}, reported as {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already used
     */
    public Forgetting and(String name, Forgettable store) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(store, "store");
        if (name.isBlank() || stores.containsKey(name)) {
            throw new IllegalArgumentException("store name must be non-blank and unique, got '" + name + "'");
        }
        Map<String, Forgettable> more = new LinkedHashMap<>(stores);
        more.put(name, store);
        return new Forgetting(Collections.unmodifiableMap(more));
    }

    /**
     * Calls {@link Forgettable#forget} on every store in the order added, each even if an earlier
     * one failed.
     *
     * @return the records each store erased, by name, in the order added
     * @throws ForgetFailedException if any store failed; it names them and carries what the others erased
     */
    public Map<String, Long> forgetEach(String tenant, String user) {
        Map<String, Long> erased = new LinkedHashMap<>();
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        stores.forEach((name, store) -> {
            try {
                erased.put(name, store.forget(tenant, user));
            } catch (RuntimeException e) {
                failed.put(name, e);
            }
        });
        if (!failed.isEmpty()) {
            throw new ForgetFailedException(erased, failed);
        }
        return Collections.unmodifiableMap(erased);
    }

    /**
     * Like {@link #forgetEach}, summed.
     *
     * @throws ForgetFailedException if any store failed
     */
    @Override
    public long forget(String tenant, String user) {
        return forgetEach(tenant, user).values().stream().mapToLong(Long::longValue).sum();
    }
}
