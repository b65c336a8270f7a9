package dev.praxis.agent;

/** How a run ended. Every status but {@link #COMPLETED} comes with a reason. */
public enum Status {
    /** The model gave a final answer. */
    COMPLETED,
    /** A budget (steps, tokens, time, cost) ran out first; the reason says which. */
    BUDGET_EXHAUSTED,
    /** A person must approve a pending action before the run can continue. */
    AWAITING_APPROVAL,
    /** A guardrail stopped the run. */
    GUARDRAIL_TRIPPED,
    /** The model or the framework failed in a way the run could not recover from. */
    FAILED,
    /** The caller cancelled the run (or interrupted its thread). */
    CANCELLED,
    /**
     * The model kept asking for the same tool call (same tool, same arguments) after it was told
     * that repeating it would not help; the reason names the call.
     */
    LOOP_DETECTED
}
