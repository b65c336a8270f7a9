package dev.praxis.guard;

/** Where in a run a {@link Guardrail} looks at text. */
public enum GuardPoint {
    /** The user's input, before the first model call and before it enters memory or events. */
    INPUT,
    /**
     * The model's text: a final answer, before the run completes with it, and the text beside
     * tool calls, before the run records or shows it and before the calls run.
     */
    OUTPUT,
    /** A tool's result, before the model reads it. */
    TOOL_OUTPUT
}
