package dev.praxis.tool;

import dev.praxis.memory.MemoryScope;

import java.util.Objects;
import java.util.Optional;

/**
 * What a tool may know about the run that called it.
 *
 * @param runId          the id of the agent run (stable across resume)
 * @param step           the 1-based step of the run in which the model asked for the call
 * @param scope          the memory scope of the run's session, or {@code null} for a run without
 *                       one; read it through {@link #session()}
 * @param idempotencyKey identifies one call: the {@link Toolbox} sets it to
 *                       {@code runId + "/" + step + "/" + callId} before the tool runs, so it is
 *                       the same when a resumed run repeats the call. A tool with side effects
 *                       should pass it on (e.g. as an {@code Idempotency-Key} header) or record
 *                       it, so a repeated call does not act twice. Empty on a step-level context.
 * @param delegation     the chain of agents that led to this call and its depth limit; a tool
 *                       that starts another agent passes it on (see {@link Delegation})
 * @param caller         who asked for the call, for a tool that logs, reports progress or asks
 *                       back while it runs ({@link ToolCaller#NONE} inside a local agent run)
 */
public record ToolContext(String runId, int step, MemoryScope scope, String idempotencyKey, Delegation delegation,
                          ToolCaller caller) {

    /** A context for calling tools outside any agent run, e.g. in tests. */
    public static final ToolContext NONE = new ToolContext("none", 0, null);

    /** Validates the run id, key, delegation and caller. */
    public ToolContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(delegation, "delegation");
        Objects.requireNonNull(caller, "caller");
    }

    /** A context whose caller hears nothing ({@link ToolCaller#NONE}). */
    public ToolContext(String runId, int step, MemoryScope scope, String idempotencyKey, Delegation delegation) {
        this(runId, step, scope, idempotencyKey, delegation, ToolCaller.NONE);
    }

    /** A context outside any delegation ({@link Delegation#NONE}). */
    public ToolContext(String runId, int step, MemoryScope scope, String idempotencyKey) {
        this(runId, step, scope, idempotencyKey, Delegation.NONE, ToolCaller.NONE);
    }

    /** A step-level context, without an idempotency key yet. */
    public ToolContext(String runId, int step, MemoryScope scope) {
        this(runId, step, scope, "", Delegation.NONE, ToolCaller.NONE);
    }

    /** The session scope of the run, if it has one. */
    public Optional<MemoryScope> session() {
        return Optional.ofNullable(scope);
    }

    /**
     * This context for one call of the step. The key is derived from the run, the step and the
     * model's call id (or the call's position when the model sent no id), never random. The
     * caller becomes {@link ToolCaller#forCall the caller of this call}.
     */
    public ToolContext forCall(ToolCall call, int index) {
        String callId = call.id().isBlank() ? "#" + index : call.id();
        return new ToolContext(runId, step, scope, runId + "/" + step + "/" + callId, delegation, caller.forCall(call));
    }

    /** This context with {@code caller} as the party a tool talks back to. */
    public ToolContext withCaller(ToolCaller caller) {
        return new ToolContext(runId, step, scope, idempotencyKey, delegation, caller);
    }
}
