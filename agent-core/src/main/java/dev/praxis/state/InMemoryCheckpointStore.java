package dev.praxis.state;

import dev.praxis.memory.Owner;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps run states in this process, as JSON (so what works here also survives the
 * serialisation of a durable store). For tests and for pausing runs for approval within one
 * process; nothing survives a restart. Thread-safe.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private record Stored(String json, long version, Optional<Owner> owner) {
    }

    private final Map<String, Stored> states = new ConcurrentHashMap<>();
    private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

    @Override
    public void save(RunState state) {
        Stored next = new Stored(RunStateJson.write(state), state.version(), state.owner());
        states.compute(state.runId(), (id, stored) -> {
            if (forgotten.contains(id)) {
                throw new CheckpointForgottenException(id);
            }
            if (stored != null && stored.version() >= state.version()) {
                throw new CheckpointConflictException(id, stored.version(), state.version());
            }
            return next;
        });
    }

    @Override
    public Optional<RunState> load(String runId) {
        return Optional.ofNullable(states.get(runId)).map(s -> RunStateJson.read(s.json()));
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return states.values().stream().map(s -> RunStateJson.read(s.json())).filter(s -> s.phase() == phase)
                .sorted(Comparator.comparing(RunState::updatedAt)).map(RunState::runId).toList();
    }

    @Override
    public void delete(String runId) {
        states.remove(runId);
    }

    @Override
    public long forget(String tenant, String user) {
        AtomicLong erased = new AtomicLong();
        for (String runId : states.keySet()) {
            // per-key atomic with save's compute: a racing save lands before (and is erased) or after (and is refused)
            states.computeIfPresent(runId, (id, stored) -> {
                if (stored.owner().isEmpty() || !stored.owner().get().is(tenant, user)) {
                    return stored;
                }
                forgotten.add(id);
                erased.incrementAndGet();
                return null;
            });
        }
        return erased.get();
    }
}
