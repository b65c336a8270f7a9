package dev.praxis.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.content.Parts;
import dev.praxis.tool.ToolSchemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts LangChain4j messages to and from the common chat fine-tuning format: objects with
 * {@code role} (system, user, assistant, tool), {@code content}, an assistant's
 * {@code tool_calls} ({@code id}, {@code type: function}, {@code function.name},
 * {@code function.arguments} as a JSON string) and a tool message's {@code tool_call_id}.
 */
final class ChatJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ChatJson() {
    }

    /**
     * The conversation as a JSON array.
     *
     * @throws IllegalArgumentException if it cannot be represented (non-text user content, a
     *                                  tool call without an id or without a result)
     */
    static ArrayNode write(List<ChatMessage> conversation) {
        return write(conversation, 0, false);
    }

    /**
     * The conversation as a JSON array; assistant messages among the first {@code context}
     * messages get {@code "weight": 0} (shown to the model, not trained on). With
     * {@code openEnd}, the last message may be tool calls without results (an example that
     * trains the call itself).
     *
     * @throws IllegalArgumentException as {@link #write(List)}
     */
    static ArrayNode write(List<ChatMessage> conversation, int context, boolean openEnd) {
        ArrayNode array = JSON.createArrayNode();
        Set<String> open = new HashSet<>();
        for (ChatMessage message : conversation) {
            if (message instanceof AiMessage && !open.isEmpty()) {
                throw new IllegalArgumentException("tool calls " + open + " have no tool result");
            }
            ObjectNode node = writeOne(message, open);
            if (message instanceof AiMessage && array.size() < context) {
                node.put("weight", 0);
            }
            array.add(node);
        }
        boolean endsWithCalls = !conversation.isEmpty() && conversation.get(conversation.size() - 1) instanceof AiMessage;
        if (!open.isEmpty() && !(openEnd && endsWithCalls)) {
            throw new IllegalArgumentException("tool calls " + open + " have no tool result");
        }
        return array;
    }

    /**
     * {@code tools} in the chat fine-tuning format: {@code {"type": "function", "function":
     * {"name", "description", "parameters"}}} with the parameters as JSON Schema.
     */
    static ArrayNode tools(List<ToolSpecification> tools) {
        ArrayNode array = JSON.createArrayNode();
        for (ToolSpecification tool : tools) {
            ObjectNode function = array.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name());
            if (tool.description() != null && !tool.description().isBlank()) {
                function.put("description", tool.description());
            }
            function.set("parameters", JSON.valueToTree(ToolSchemas.toMap(tool.parameters())));
        }
        return array;
    }

    /**
     * {@code messages} as JSON text with tool-call ids replaced by their order of appearance, so
     * two runs that said and saw the same compare equal although their providers' ids differ.
     */
    static String comparable(ArrayNode messages) {
        Map<String, String> ids = new HashMap<>();
        ArrayNode copy = messages.deepCopy();
        for (JsonNode message : copy) {
            for (JsonNode call : message.path("tool_calls")) {
                ((ObjectNode) call).put("id", ids.computeIfAbsent(call.path("id").asText(), k -> "call_" + ids.size()));
            }
            if (message.has("tool_call_id")) {
                ((ObjectNode) message).put("tool_call_id",
                        ids.getOrDefault(message.path("tool_call_id").asText(), "unknown"));
            }
        }
        return copy.toString();
    }

    private static ObjectNode writeOne(ChatMessage message, Set<String> open) {
        ObjectNode node = JSON.createObjectNode();
        if (message instanceof SystemMessage s) {
            node.put("role", "system").put("content", s.text());
        } else if (message instanceof UserMessage u) {
            if (!u.hasSingleText()) {
                throw new IllegalArgumentException("a user message has non-text content");
            }
            node.put("role", "user").put("content", Parts.text(u.contents()));
        } else if (message instanceof AiMessage ai) {
            node.put("role", "assistant");
            if (ai.text() != null) {
                node.put("content", ai.text());
            }
            if (ai.hasToolExecutionRequests()) {
                ArrayNode calls = node.putArray("tool_calls");
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    if (call.id() == null || call.id().isBlank()) {
                        throw new IllegalArgumentException("tool call '" + call.name() + "' has no id");
                    }
                    open.add(call.id());
                    ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name())
                            .put("arguments", call.arguments() == null ? "{}" : call.arguments());
                }
            }
        } else if (message instanceof ToolExecutionResultMessage t) {
            if (!open.remove(t.id())) {
                throw new IllegalArgumentException("tool result '" + t.id() + "' answers no open tool call");
            }
            node.put("role", "tool").put("tool_call_id", t.id()).put("content", Parts.text(t.contents()));
        } else {
            throw new IllegalArgumentException("unsupported message type " + message.type());
        }
        return node;
    }

    /**
     * Reads a JSON array of messages.
     *
     * @throws IllegalArgumentException naming the first message that is malformed
     */
    static List<ChatMessage> read(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                messages.add(readOne(array.get(i), toolNames));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("message " + (i + 1) + ": " + e.getMessage());
            }
        }
        return messages;
    }

    private static ChatMessage readOne(JsonNode node, Map<String, String> toolNames) {
        String role = node.path("role").asText("");
        return switch (role) {
            case "system" -> SystemMessage.from(text(node, true));
            case "user" -> UserMessage.from(text(node, true));
            case "assistant" -> assistant(node, toolNames);
            case "tool" -> {
                String id = node.path("tool_call_id").asText("");
                String name = toolNames.remove(id);
                if (name == null) {
                    throw new IllegalArgumentException("tool message answers unknown tool_call_id '" + id + "'");
                }
                yield ToolExecutionResultMessage.from(id, name, text(node, true));
            }
            default -> throw new IllegalArgumentException("unknown role '" + role
                    + "'; expected system, user, assistant or tool");
        };
    }

    private static AiMessage assistant(JsonNode node, Map<String, String> toolNames) {
        String text = text(node, false);
        JsonNode calls = node.path("tool_calls");
        if (calls.isMissingNode() || calls.isNull() || calls.isEmpty()) {
            if (text == null) {
                throw new IllegalArgumentException("assistant message has neither content nor tool_calls");
            }
            return AiMessage.from(text);
        }
        List<ToolExecutionRequest> requests = new ArrayList<>();
        for (JsonNode call : calls) {
            String id = call.path("id").asText("");
            String name = call.path("function").path("name").asText("");
            JsonNode args = call.path("function").path("arguments");
            if (id.isBlank() || name.isBlank()) {
                throw new IllegalArgumentException("a tool call needs an id and function.name");
            }
            toolNames.put(id, name);
            requests.add(ToolExecutionRequest.builder().id(id).name(name)
                    .arguments(args.isTextual() ? args.asText() : args.isMissingNode() ? "{}" : args.toString()).build());
        }
        return text == null ? AiMessage.from(requests) : AiMessage.from(text, requests);
    }

    private static String text(JsonNode node, boolean required) {
        JsonNode content = node.path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        if ((content.isMissingNode() || content.isNull()) && !required) {
            return null;
        }
        throw new IllegalArgumentException("'content' must be a string");
    }
}
