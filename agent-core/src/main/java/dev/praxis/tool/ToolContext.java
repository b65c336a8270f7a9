package dev.praxis.tool;

import dev.praxis.memory.MemoryScope;

import java.util.Objects;
import java.util.Optional;

/**
 * What a tool may know about the run that called it.
 *
 * @param runId the id of the agent run (stable across resume)
 * @param step  the 1-based step of the run in which the model asked for the call
 * @param scope the memory scope of the run's session, or {@code null} for a run without one;
 *              read it through {@link #session()}
 */
public record ToolContext(String runId, int step, MemoryScope scope) {

    /** A context for calling tools outside any agent run, e.g. in tests. */
    public static final ToolContext NONE = new ToolContext("none", 0, null);

    /** Validates the run id. */
    public ToolContext {
        Objects.requireNonNull(runId, "runId");
    }

    /** The session scope of the run, if it has one. */
    public Optional<MemoryScope> session() {
        return Optional.ofNullable(scope);
    }
}
