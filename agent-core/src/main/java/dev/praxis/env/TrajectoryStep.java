package dev.praxis.env;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.agent.Usage;
import dev.praxis.tool.ToolCall;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One recorded step: what was seen, what was done, what it earned.
 *
 * @param index       1-based position in the trajectory
 * @param observation the observation as text
 * @param action      the action as text
 * @param messages    the model conversation of this step (new messages only), possibly empty
 * @param reward      the reward the step earned
 * @param usage       tokens spent on the step
 * @param duration    wall-clock time of the step
 */
public record TrajectoryStep(int index, String observation, String action, List<ChatMessage> messages,
                             double reward, Usage usage, Duration duration) {

    /** Rejects nulls and a non-positive index; copies the messages. */
    public TrajectoryStep {
        if (index < 1) {
            throw new IllegalArgumentException("step index is 1-based, got " + index);
        }
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(action, "action");
        messages = List.copyOf(messages);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(duration, "duration");
    }

    /** The tool calls the model made in this step, in order. */
    public List<ToolCall> toolCalls() {
        return messages.stream()
                .filter(m -> m instanceof AiMessage ai && ai.hasToolExecutionRequests())
                .flatMap(m -> ((AiMessage) m).toolExecutionRequests().stream())
                .map(ToolCall::from)
                .toList();
    }
}
