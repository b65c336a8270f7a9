package dev.praxis.tool;

import dev.praxis.llm.Deadline;
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
 * @param deadline       when the run that made the call runs out of time ({@link Deadline#NONE}
 *                       outside a run). The {@link Toolbox} abandons a call at the smaller of
 *                       the tool's own timeout and this deadline, and binds it to the thread the
 *                       tool runs on, so model calls the tool makes (a sub-agent, a summariser)
 *                       end with the run too. A long tool may read {@link Deadline#remaining()}
 *                       to do less work when little time is left.
 */
public record ToolContext(String runId, int step, MemoryScope scope, String idempotencyKey, Delegation delegation,
                          ToolCaller caller, Deadline deadline) {

    /** A context for calling tools outside any agent run, e.g. in tests. */
    public static final ToolContext NONE = new ToolContext("none", 0, null);

    /** Validates the run id, key, delegation, caller and deadline. */
    public ToolContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(delegation, "delegation");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A context without a deadline ({@link Deadline#NONE}). */
    public ToolContext(String runId, int step, MemoryScope scope, String idempotencyKey, Delegation delegation,
                       ToolCaller caller) {
        this(runId, step, scope, idempotencyKey, delegation, caller, Deadline.NONE);
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
        // not runId + "/" + ...: the first concatenation of that shape in a JVM spins a class for it;
        // nor String.join, which copies its arguments into two arrays and the step into a string
        String key = new StringBuilder(runId.length() + callId.length() + 13).append(runId).append('/')
                .append(step).append('/').append(callId).toString();
        return new ToolContext(runId, step, scope, key, delegation, caller.forCall(call), deadline);
    }

    /** This context with {@code caller} as the party a tool talks back to. */
    public ToolContext withCaller(ToolCaller caller) {
        return new ToolContext(runId, step, scope, idempotencyKey, delegation, caller, deadline);
    }

    /** This context with {@code deadline}, e.g. the time the run has left. */
    public ToolContext withDeadline(Deadline deadline) {
        return new ToolContext(runId, step, scope, idempotencyKey, delegation, caller, deadline);
    }
}
