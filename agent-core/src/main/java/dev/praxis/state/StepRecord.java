package dev.praxis.state;

import dev.langchain4j.data.message.AiMessage;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.List;
import java.util.Objects;

/**
 * A completed step as stored in a {@link RunState}.
 *
 * @param index    1-based position in the run
 * @param response the model's message
 * @param calls    the tool calls it asked for
 * @param results  their results, in call order
 * @param usage    tokens of the step's model call
 * @param millis   wall-clock milliseconds of the step
 */
public record StepRecord(int index, AiMessage response, List<ToolCall> calls, List<ToolResult> results,
                         RunState.Tokens usage, long millis) {

    /** Copies the lists and rejects nulls. */
    public StepRecord {
        Objects.requireNonNull(response, "response");
        calls = List.copyOf(calls);
        results = List.copyOf(results);
        Objects.requireNonNull(usage, "usage");
    }
}
