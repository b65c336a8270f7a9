package dev.praxis.eval;

import dev.praxis.agent.AgentResult;
import dev.praxis.tool.ToolCall;

import java.util.List;
import java.util.Objects;

/**
 * What a check looks at: the case and the agent's result for it.
 *
 * @param evalCase the case
 * @param result   the agent's result
 */
public record Answer(EvalCase evalCase, AgentResult result) {

    /** Rejects nulls. */
    public Answer {
        Objects.requireNonNull(evalCase, "evalCase");
        Objects.requireNonNull(result, "result");
    }

    /** The final output text. */
    public String output() {
        return result.output();
    }

    /** Every tool call the agent made, in order. */
    public List<ToolCall> toolCalls() {
        return result.steps().stream().flatMap(s -> s.calls().stream()).toList();
    }
}
