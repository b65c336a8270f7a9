package dev.praxis.env;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    /** A trajectory with one step per agent step; {@code reward} goes to the last step. */
    static Trajectory trajectory(String input, AgentResult result, double reward, Instant startedAt, Duration took) {
        List<TrajectoryStep> steps = new ArrayList<>();
        String observation = input;
        for (Step step : result.steps()) {
            List<ChatMessage> messages = new ArrayList<>();
            if (step.index() == 1) {
                messages.add(UserMessage.from(input));
            }
            messages.addAll(messagesOf(step));
            boolean last = step.index() == result.steps().size();
            String action = step.calls().isEmpty() ? textOf(step) : step.calls().toString();
            steps.add(new TrajectoryStep(steps.size() + 1, observation, action, messages, last ? reward : 0,
                    step.usage(), step.duration()));
            observation = step.results().stream().map(r -> r.text()).reduce((a, b) -> a + "\n" + b).orElse("");
        }
        return new Trajectory(result.runId(), input, Trajectory.Origin.AGENT_RUN, steps, List.of(), startedAt, took);
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
