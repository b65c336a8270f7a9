package dev.praxis.tool;

/**
 * What running a tool can change in the world. Approval policies decide per class; the
 * conservative default for a tool that declares nothing is {@link #EXTERNAL}.
 */
public enum SideEffect {
    /** Only reads: safe to run, repeat and run in parallel. */
    READ_ONLY,
    /** Changes state the application owns (files, rows, memory); usually reversible. */
    WRITE,
    /** Reaches outside: money, messages, anything a person would call irreversible. */
    EXTERNAL
}
