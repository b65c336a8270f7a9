package dev.praxis.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.memory.Untrusted;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.Tools;

import java.util.List;
import java.util.stream.Collectors;

/** The model-facing tools of a {@link Blackboard}. */
final class BlackboardTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BlackboardTools() {
    }

    static List<Tool> of(Blackboard board, String writer) {
        JsonObjectSchema entry = JsonObjectSchema.builder()
                .addStringProperty("scope", "The group of entries, e.g. research")
                .addStringProperty("name", "The entry's name")
                .required("scope", "name").build();
        JsonObjectSchema write = JsonObjectSchema.builder()
                .addStringProperty("scope", "The group of entries, e.g. research")
                .addStringProperty("name", "The entry's name")
                .addStringProperty("value", "What to record")
                .required("scope", "name", "value").build();
        JsonObjectSchema search = JsonObjectSchema.builder()
                .addStringProperty("scope", "The group to search; empty for all")
                .addStringProperty("text", "Text to look for in entry names and values")
                .required("text").build();
        return List.of(
                new WriteTool(board, writer, ToolSpecification.builder().name("blackboard_write")
                        .description("Record a finding on the team's shared blackboard for other members")
                        .parameters(write).build()),
                Tools.of("blackboard_read", "Read one entry from the team's shared blackboard", entry,
                        SideEffect.READ_ONLY, args -> {
                            JsonNode a = parse(args);
                            return board.get(text(a, "scope"), text(a, "name"))
                                    .map(w -> show(w)).orElse("no entry " + text(a, "scope") + "/" + text(a, "name"));
                        }),
                Tools.of("blackboard_search", "Find entries on the team's shared blackboard", search,
                        SideEffect.READ_ONLY, args -> {
                            JsonNode a = parse(args);
                            List<Blackboard.Write> found = board.search(a.path("scope").asText(""), text(a, "text"));
                            return found.isEmpty() ? "no matching entries"
                                    : found.stream().map(BlackboardTools::show).collect(Collectors.joining("\n"));
                        }));
    }

    private static String show(Blackboard.Write w) {
        String value = w.value().isTextual() ? w.value().asText() : w.value().toString();
        String entry = w.scope() + "/" + w.name() + " (by " + w.writer() + "): ";
        return w.untrusted()
                ? entry + Untrusted.header("blackboard entry " + w.scope() + "/" + w.name()) + "\n" + value
                : entry + value;
    }

    /**
     * {@code blackboard_write}: marks the value untrusted when the writing run has untrusted
     * content in its context, as its tool context tells ({@link ToolContext#delegation()}).
     */
    private record WriteTool(Blackboard board, String writer, ToolSpecification spec) implements Tool {

        @Override
        public SideEffect sideEffect() {
            return SideEffect.WRITE;
        }

        @Override
        public ToolResult execute(ToolCall call, ToolContext context) {
            try {
                JsonNode a = parse(call.arguments());
                board.put(text(a, "scope"), text(a, "name"), new TextNode(text(a, "value")), writer,
                        !context.delegation().untrusted().isEmpty());
                return ToolResult.ok("recorded " + text(a, "scope") + "/" + text(a, "name"));
            } catch (ToolException e) {
                return ToolResult.failed(e.getMessage());
            }
        }
    }

    private static JsonNode parse(String args) {
        try {
            return JSON.readTree(args);
        } catch (JsonProcessingException e) {
            throw new ToolException("arguments are not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ToolException("argument '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }
}
