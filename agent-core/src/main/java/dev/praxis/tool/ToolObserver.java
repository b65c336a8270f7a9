package dev.praxis.tool;

import java.time.Duration;

/**
 * Told when each call of a step starts and finishes, so the agent can turn them into events.
 * Calls of one step may run in parallel: implementations must be thread-safe.
 */
public interface ToolObserver {

    /** An observer that ignores everything. */
    ToolObserver NONE = new ToolObserver() { };

    /** {@code call} is about to run. */
    default void started(ToolCall call) {
    }

    /** {@code call} ended with {@code result} after {@code duration}. */
    default void finished(ToolCall call, ToolResult result, Duration duration) {
    }
}
