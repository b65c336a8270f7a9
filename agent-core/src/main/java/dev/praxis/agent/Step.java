package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One perceive–reason–act cycle: what the model answered, which tools ran, with what result.
 *
 * @param index    1-based position in the run
 * @param response the model's message
 * @param calls    the tool calls the model asked for (empty for a final answer)
 * @param results  one result per call, in call order (empty if the calls did not run)
 * @param usage    tokens of this step's model call
 * @param duration wall-clock time of the whole step
 */
public record Step(int index, AiMessage response, List<ToolCall> calls, List<ToolResult> results,
                   Usage usage, Duration duration) {

    /** Copies the lists and rejects nulls. */
    public Step {
        Objects.requireNonNull(response, "response");
        calls = List.copyOf(calls);
        results = List.copyOf(results);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(duration, "duration");
    }
}
