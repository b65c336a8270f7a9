package dev.praxis.env;

import dev.langchain4j.agent.tool.ToolSpecification;
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
 * @param prompt      what the model was sent for this step, exactly; {@link Prompt#UNKNOWN} when not
 *                    recorded (environment episodes, imported demonstrations)
 */
public record TrajectoryStep(int index, String observation, String action, List<ChatMessage> messages,
                             double reward, Usage usage, Duration duration, Prompt prompt) {

    /**
     * The request a model call was made with: every message it was sent (system prompt, earlier
     * turns of the session, the run so far) and the tools it was offered.
     *
     * @param messages the messages, in order; empty when unknown
     * @param tools    the tools offered, in order; empty when none were
     */
    public record Prompt(List<ChatMessage> messages, List<ToolSpecification> tools) {

        /** No prompt was recorded. */
        public static final Prompt UNKNOWN = new Prompt(List.of(), List.of());

        /** Copies the lists. */
        public Prompt {
            messages = List.copyOf(messages);
            tools = List.copyOf(tools);
        }

        /** Whether the prompt was recorded. */
        public boolean known() {
            return !messages.isEmpty();
        }
    }

    /** A step whose prompt was not recorded ({@link Prompt#UNKNOWN}). */
    public TrajectoryStep(int index, String observation, String action, List<ChatMessage> messages, double reward,
                          Usage usage, Duration duration) {
        this(index, observation, action, messages, reward, usage, duration, Prompt.UNKNOWN);
    }

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
        Objects.requireNonNull(prompt, "prompt");
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
