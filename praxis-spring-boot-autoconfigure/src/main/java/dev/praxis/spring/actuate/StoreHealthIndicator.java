package dev.praxis.spring.actuate;

import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.RunState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.Objects;

/**
 * Whether Praxis's stores answer: the checkpoint store lists the runs waiting for approval
 * (their number is a detail), the conversation memory reads a probe session that is never
 * written. A store that throws is down, with the store's type and error.
 */
public final class StoreHealthIndicator extends AbstractHealthIndicator {

    private static final MemoryScope PROBE = MemoryScope.of("praxis-health", "probe");

    private final ConversationMemory memory;
    private final CheckpointStore checkpoints;

    /** Checks {@code memory} and {@code checkpoints}. */
    public StoreHealthIndicator(ConversationMemory memory, CheckpointStore checkpoints) {
        super("Praxis store health check failed");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("memory", memory.getClass().getSimpleName())
                .withDetail("checkpoints", checkpoints.getClass().getSimpleName());
        memory.messages(PROBE);
        int waiting = checkpoints.runIds(RunState.Phase.AWAITING_APPROVAL).size();
        builder.up().withDetail("runsAwaitingApproval", waiting);
    }
}
