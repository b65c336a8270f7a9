package dev.praxis.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.praxis.agent.Status;
import dev.praxis.state.RunState;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many times workers have picked a run up without finishing it, kept in the run's
 * checkpoint (extension {@value #EXTENSION}) so the count survives the workers. A run whose
 * worker dies with it (a run that crashes the JVM) is picked up again by the next worker; the
 * count lets the fleet give such a run up instead of losing one worker after another.
 */
final class Pickups {

    static final String EXTENSION = "praxis.distributed";

    private Pickups() {
    }

    static int count(RunState state) {
        JsonNode node = state.extensions().get(EXTENSION);
        return node == null ? 0 : node.path("pickups").asInt(0);
    }

    /** {@code state} carrying {@code pickups}, at {@code version}. */
    static RunState with(RunState state, int pickups, long version) {
        Map<String, JsonNode> extensions = new HashMap<>(state.extensions());
        extensions.put(EXTENSION, JsonNodeFactory.instance.objectNode().put("pickups", pickups));
        return copy(state, state.phase(), state.outcome(), state.reason(), extensions, version);
    }

    /** {@code state} ended as {@link Status#FAILED} for {@code reason}, one version on. */
    static RunState failed(RunState state, String reason) {
        return copy(state, RunState.Phase.ENDED, Status.FAILED.name(), reason, state.extensions(), state.version() + 1);
    }

    private static RunState copy(RunState s, RunState.Phase phase, String outcome, String reason,
                                 Map<String, JsonNode> extensions, long version) {
        return new RunState(s.runId(), s.agent(), phase, outcome, reason, s.input(), s.scope(), s.owner(), s.history(),
                s.transcript(), s.remembered(), s.steps(), s.usage(), s.elapsed(), s.limits(), s.pending(), s.calls(),
                s.approvals(), extensions, version, Instant.now());
    }
}
