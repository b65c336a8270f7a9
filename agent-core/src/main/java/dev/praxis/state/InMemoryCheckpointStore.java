package dev.praxis.state;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps run states in this process, as JSON (so what works here also survives the
 * serialisation of a durable store). For tests and for pausing runs for approval within one
 * process; nothing survives a restart. Thread-safe.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, String> states = new ConcurrentHashMap<>();

    @Override
    public void save(RunState state) {
        String json = RunStateJson.write(state);
        states.compute(state.runId(), (id, stored) -> {
            if (stored != null) {
                long version = RunStateJson.read(stored).version();
                if (version >= state.version()) {
                    throw new CheckpointConflictException(id, version, state.version());
                }
            }
            return json;
        });
    }

    @Override
    public Optional<RunState> load(String runId) {
        return Optional.ofNullable(states.get(runId)).map(RunStateJson::read);
    }

    @Override
    public List<String> runIds(RunState.Phase phase) {
        return states.values().stream().map(RunStateJson::read).filter(s -> s.phase() == phase)
                .sorted(Comparator.comparing(RunState::updatedAt)).map(RunState::runId).toList();
    }

    @Override
    public void delete(String runId) {
        states.remove(runId);
    }
}
