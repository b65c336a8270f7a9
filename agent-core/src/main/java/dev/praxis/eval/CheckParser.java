package dev.praxis.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Reads one check object of a suite line. */
final class CheckParser {

    private CheckParser() {
    }

    static Check parse(JsonNode node, List<String> references) {
        String type = node.path("type").asText("");
        boolean ignoreCase = node.path("ignore_case").asBoolean(false);
        return switch (type) {
            case "exact" -> {
                if (node.has("value")) {
                    yield new Check.Exact(text(node, "value", type), ignoreCase);
                }
                if (references.isEmpty()) {
                    throw new IllegalArgumentException("check 'exact' needs a 'value' or the case's 'expected'");
                }
                yield new Check.Exact(references.get(0), ignoreCase);
            }
            case "contains" -> new Check.Contains(text(node, "value", type), ignoreCase);
            case "regex" -> Check.Regex.of(text(node, "pattern", type));
            case "json_path" -> {
                if (!node.has("equals")) {
                    throw new IllegalArgumentException("check 'json_path' needs 'equals'");
                }
                yield new Check.JsonPath(text(node, "path", type), node.get("equals"));
            }
            case "tool_called" -> new Check.ToolCalled(text(node, "tool", type),
                    node.has("args") ? node.get("args") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            case "judge" -> new Check.Judge(text(node, "rubric", type), node.path("threshold").asDouble(0.7));
            case "grounded" -> new Check.Grounded(node.path("min_support").asDouble(0.6));
            default -> throw new IllegalArgumentException("unknown check type '" + type
                    + "'; expected exact, contains, regex, json_path, tool_called, judge or grounded");
        };
    }

    private static String text(JsonNode node, String field, String type) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("check '" + type + "' needs a string '" + field + "'");
        }
        return value.asText();
    }
}
