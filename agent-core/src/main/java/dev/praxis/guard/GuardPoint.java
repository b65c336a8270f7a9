package dev.praxis.guard;

/** Where in a run a {@link Guardrail} looks at text. */
public enum GuardPoint {
    /** The user's input, before the first model call and before it enters memory or events. */
    INPUT,
    /** The model's final answer, before the run completes with it. */
    OUTPUT,
    /** A tool's result, before the model reads it. */
    TOOL_OUTPUT
}
