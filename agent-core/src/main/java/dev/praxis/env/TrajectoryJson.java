package dev.praxis.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.praxis.agent.Usage;
import dev.praxis.tool.ToolSchemas;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Trajectory} as JSON and back, for stores: every field, each step's messages and prompt
 * (LangChain4j's message JSON) and the tools offered (name, description, parameters as JSON
 * Schema). Stateless; thread-safe.
 */
final class TrajectoryJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TrajectoryJson() {
    }

    /** {@code trajectory} as JSON text. */
    static String write(Trajectory trajectory) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", trajectory.id()).put("task", trajectory.task()).put("origin", trajectory.origin().name())
                .put("startedAt", trajectory.startedAt().toString()).put("durationMillis", trajectory.duration().toMillis())
                .put("session", trajectory.session());
        ArrayNode steps = root.putArray("steps");
        for (TrajectoryStep step : trajectory.steps()) {
            ObjectNode s = steps.addObject().put("index", step.index()).put("observation", step.observation())
                    .put("action", step.action()).put("reward", step.reward())
                    .put("inputTokens", step.usage().inputTokens()).put("outputTokens", step.usage().outputTokens())
                    .put("cost", step.usage().cost().toPlainString()).put("durationMillis", step.duration().toMillis());
            s.set("messages", messages(step.messages()));
            if (step.prompt().known()) {
                ObjectNode prompt = s.putObject("prompt");
                prompt.set("messages", messages(step.prompt().messages()));
                ArrayNode tools = prompt.putArray("tools");
                for (ToolSpecification tool : step.prompt().tools()) {
                    ObjectNode t = tools.addObject().put("name", tool.name());
                    if (tool.description() != null) {
                        t.put("description", tool.description());
                    }
                    t.set("parameters", JSON.valueToTree(ToolSchemas.toMap(tool.parameters())));
                }
            }
        }
        ArrayNode feedback = root.putArray("feedback");
        for (Feedback f : trajectory.feedback()) {
            feedback.addObject().put("score", f.score()).put("comment", f.comment()).put("at", f.at().toString());
        }
        return root.toString();
    }

    /**
     * The trajectory in {@code json}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static Trajectory read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<TrajectoryStep> steps = new ArrayList<>();
            for (JsonNode s : root.path("steps")) {
                steps.add(step(s));
            }
            List<Feedback> feedback = new ArrayList<>();
            for (JsonNode f : root.path("feedback")) {
                feedback.add(new Feedback(f.path("score").asDouble(), f.path("comment").asText(""),
                        Instant.parse(f.path("at").asText())));
            }
            return new Trajectory(text(root, "id"), text(root, "task"), Trajectory.Origin.valueOf(text(root, "origin")),
                    steps, feedback, Instant.parse(text(root, "startedAt")),
                    Duration.ofMillis(root.path("durationMillis").asLong()), root.path("session").asText(""));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored trajectory is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a stored trajectory is malformed: " + e.getMessage(), e);
        }
    }

    private static TrajectoryStep step(JsonNode s) throws JsonProcessingException {
        TrajectoryStep.Prompt prompt = TrajectoryStep.Prompt.UNKNOWN;
        if (s.has("prompt")) {
            List<ToolSpecification> tools = new ArrayList<>();
            for (JsonNode t : s.path("prompt").path("tools")) {
                JsonSchemaElement parameters = JsonSchemaElementJsonUtils.fromMap(JSON.convertValue(t.path("parameters"),
                        MAP));
                tools.add(ToolSpecification.builder().name(text(t, "name"))
                        .description(t.has("description") ? t.path("description").asText() : null)
                        .parameters((JsonObjectSchema) parameters).build());
            }
            prompt = new TrajectoryStep.Prompt(messages(s.path("prompt").path("messages")), tools);
        }
        Usage usage = new Usage(s.path("inputTokens").asLong(), s.path("outputTokens").asLong(),
                new BigDecimal(s.path("cost").asText("0")));
        return new TrajectoryStep(s.path("index").asInt(), s.path("observation").asText(""), s.path("action").asText(""),
                messages(s.path("messages")), s.path("reward").asDouble(), usage,
                Duration.ofMillis(s.path("durationMillis").asLong()), prompt);
    }

    private static JsonNode messages(List<ChatMessage> messages) {
        try {
            return JSON.readTree(ChatMessageSerializer.messagesToJson(messages));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LangChain4j wrote messages that are not JSON", e);
        }
    }

    private static List<ChatMessage> messages(JsonNode array) throws JsonProcessingException {
        return array.isMissingNode() ? List.of() : ChatMessageDeserializer.messagesFromJson(JSON.writeValueAsString(array));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value.asText();
    }
}
