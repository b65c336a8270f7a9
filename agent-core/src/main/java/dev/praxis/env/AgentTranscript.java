package dev.praxis.env;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rebuilds the conversation of an agent run from its public result. */
final class AgentTranscript {

    private AgentTranscript() {
    }

    /** The user's input, then per step the model's message and one tool message per call that ran. */
    static List<ChatMessage> conversation(String input, AgentResult result) {
        List<ChatMessage> all = new ArrayList<>();
        all.add(UserMessage.from(input));
        for (Step step : result.steps()) {
            all.addAll(messagesOf(step));
        }
        return all;
    }

    /** A trajectory with one step per agent step; {@code reward} goes to the last step. No prompts known. */
    static Trajectory trajectory(String input, AgentResult result, double reward, Instant startedAt, Duration took) {
        return trajectory(input, result, reward, startedAt, took, "", Map.of());
    }

    /**
     * A trajectory with one step per agent step, each with its prompt from {@code prompts} (by step
     * index) when known; {@code reward} goes to the last step. A step with a known prompt holds only
     * the model's message and the tool results (its prompt has the input); without one, the first
     * step also holds the input.
     */
    static Trajectory trajectory(String input, AgentResult result, double reward, Instant startedAt, Duration took,
                                 String session, Map<Integer, ChatRequest> prompts) {
        List<TrajectoryStep> steps = new ArrayList<>();
        String observation = input;
        for (Step step : result.steps()) {
            TrajectoryStep.Prompt prompt = promptOf(prompts.get(step.index()));
            List<ChatMessage> messages = new ArrayList<>();
            if (step.index() == 1 && !prompt.known()) {
                messages.add(UserMessage.from(input));
            }
            messages.addAll(messagesOf(step));
            boolean last = step.index() == result.steps().size();
            String action = step.calls().isEmpty() ? textOf(step) : step.calls().toString();
            steps.add(new TrajectoryStep(steps.size() + 1, observation, action, messages, last ? reward : 0,
                    step.usage(), step.duration(), prompt));
            observation = step.results().stream().map(r -> r.text()).reduce((a, b) -> a + "\n" + b).orElse("");
        }
        return new Trajectory(result.runId(), input, Trajectory.Origin.AGENT_RUN, steps, List.of(), startedAt, took,
                session);
    }

    private static TrajectoryStep.Prompt promptOf(ChatRequest request) {
        if (request == null) {
            return TrajectoryStep.Prompt.UNKNOWN;
        }
        List<ToolSpecification> tools = request.toolSpecifications() == null ? List.of() : request.toolSpecifications();
        return new TrajectoryStep.Prompt(request.messages(), tools);
    }

    private static List<ChatMessage> messagesOf(Step step) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(step.response());
        for (int i = 0; i < step.results().size(); i++) {
            messages.add(ToolExecutionResultMessage.from(step.calls().get(i).toRequest(), step.results().get(i).text()));
        }
        return messages;
    }

    private static String textOf(Step step) {
        return step.response().text() == null ? "" : step.response().text();
    }
}
