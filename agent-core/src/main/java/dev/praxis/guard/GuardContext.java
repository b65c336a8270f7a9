package dev.praxis.guard;

import dev.praxis.tool.ToolCall;

import java.util.Objects;
import java.util.Optional;

/**
 * What a guardrail may know about the text it checks.
 *
 * @param point where in the run the text comes from
 * @param agent the agent's name
 * @param runId the run's id; {@code ""} at {@link GuardPoint#INPUT}, which is checked before
 *              the run exists (so a tripped input never reaches memory or events)
 * @param step  the 1-based step, {@code 0} at {@link GuardPoint#INPUT}
 * @param call  the tool call whose result is checked, or {@code null} outside
 *              {@link GuardPoint#TOOL_OUTPUT}; read it through {@link #toolCall()}
 */
public record GuardContext(GuardPoint point, String agent, String runId, int step, ToolCall call) {

    /** Rejects nulls other than {@code call}, and a tool output without its call. */
    public GuardContext {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(runId, "runId");
        if (point == GuardPoint.TOOL_OUTPUT && call == null) {
            throw new IllegalArgumentException("a TOOL_OUTPUT guard context needs the tool call");
        }
    }

    /** The context for checking a run's input. */
    public static GuardContext input(String agent) {
        return new GuardContext(GuardPoint.INPUT, agent, "", 0, null);
    }

    /** The context for checking a run's final answer. */
    public static GuardContext output(String agent, String runId, int step) {
        return new GuardContext(GuardPoint.OUTPUT, agent, runId, step, null);
    }

    /** The context for checking the result of {@code call}. */
    public static GuardContext toolOutput(String agent, String runId, int step, ToolCall call) {
        return new GuardContext(GuardPoint.TOOL_OUTPUT, agent, runId, step, Objects.requireNonNull(call, "call"));
    }

    /** The tool call whose result is checked, at {@link GuardPoint#TOOL_OUTPUT}. */
    public Optional<ToolCall> toolCall() {
        return Optional.ofNullable(call);
    }
}
