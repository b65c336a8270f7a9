package dev.praxis.env;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a trajectory into chat fine-tuning examples that hold exactly what the model saw. A run
 * whose prompts grew one from the other and offered the same tools throughout is one example:
 * its whole conversation, the tools, and {@code "weight": 0} on assistant messages the run
 * inherited from earlier turns of the session. Otherwise (say the last call was made without
 * tools) each model call is an example of its own: its prompt, its tools and its reply, with
 * only the reply trained on.
 */
final class ChatExamples {

    private ChatExamples() {
    }

    /**
     * The examples of {@code trajectory}.
     *
     * @throws IllegalArgumentException if it cannot be represented faithfully (no final answer, a
     *                                  step without its prompt, a tool call without a result)
     */
    static List<ObjectNode> of(Trajectory trajectory) {
        List<ChatMessage> conversation = trajectory.conversation();
        if (conversation.isEmpty() || !(conversation.get(conversation.size() - 1) instanceof AiMessage last)
                || last.hasToolExecutionRequests()) {
            throw new IllegalArgumentException("the conversation does not end with an assistant answer");
        }
        List<TrajectoryStep> steps = trajectory.steps();
        if (!steps.get(0).prompt().known()) {
            return List.of(example(conversation, 0, List.of(), false));
        }
        for (TrajectoryStep step : steps) {
            if (!step.prompt().known()) {
                throw new IllegalArgumentException("step " + step.index() + " has no recorded prompt (resumed run?)");
            }
        }
        TrajectoryStep first = steps.get(0);
        if (oneConversation(steps)) {
            return List.of(example(conversation, first.prompt().messages().size(), first.prompt().tools(), false));
        }
        List<ObjectNode> examples = new ArrayList<>();
        for (TrajectoryStep step : steps) {
            List<ChatMessage> call = new ArrayList<>(step.prompt().messages());
            call.add(reply(step));
            examples.add(example(call, call.size() - 1, step.prompt().tools(), true));
        }
        return examples;
    }

    /** The model's message of {@code step}: the first assistant message among its messages. */
    static AiMessage reply(TrajectoryStep step) {
        return step.messages().stream().filter(AiMessage.class::isInstance).map(AiMessage.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("step " + step.index() + " has no model message"));
    }

    /** Whether every prompt extends the one before with that step's messages, with the same tools. */
    private static boolean oneConversation(List<TrajectoryStep> steps) {
        for (int i = 1; i < steps.size(); i++) {
            TrajectoryStep before = steps.get(i - 1);
            TrajectoryStep now = steps.get(i);
            List<ChatMessage> expected = new ArrayList<>(before.prompt().messages());
            expected.addAll(before.messages());
            List<ChatMessage> seen = now.prompt().messages();
            if (!now.prompt().tools().equals(before.prompt().tools()) || seen.size() < expected.size()
                    || !seen.subList(0, expected.size()).equals(expected)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode example(List<ChatMessage> messages, int context, List<dev.langchain4j.agent.tool
            .ToolSpecification> tools, boolean openEnd) {
        ObjectNode line = ChatJson.JSON.createObjectNode();
        line.set("messages", ChatJson.write(messages, context, openEnd));
        if (!tools.isEmpty()) {
            line.set("tools", ChatJson.tools(tools));
        }
        return line;
    }
}
