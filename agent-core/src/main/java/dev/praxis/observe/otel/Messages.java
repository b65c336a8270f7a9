package dev.praxis.observe.otel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.content.Parts;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Messages in the GenAI conventions' JSON shape (v1.37.0 input/output message schemas):
 * {@code [{"role":..., "parts":[{"type":"text","content":...} | {"type":"tool_call",...} |
 * {"type":"tool_call_response",...}], "finish_reason":...}]}. Every text passes through a mask.
 */
final class Messages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    static String user(String text) {
        ArrayNode list = JSON.createArrayNode();
        text(message(list, "user"), text);
        return write(list);
    }

    static String assistant(String text) {
        ArrayNode list = JSON.createArrayNode();
        text(message(list, "assistant"), text);
        return write(list);
    }

    /** The request's messages, in order, as {@code gen_ai.input.messages}. */
    static String input(List<ChatMessage> messages, UnaryOperator<String> mask) {
        ArrayNode list = JSON.createArrayNode();
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                text(message(list, "system"), mask.apply(s.text()));
            } else if (m instanceof UserMessage u) {
                ArrayNode parts = message(list, "user");
                for (Content c : u.contents()) {
                    if (c instanceof TextContent t) {
                        text(parts, mask.apply(t.text()));
                    } else {
                        parts.addObject().put("type", c.type().name().toLowerCase(Locale.ROOT));
                    }
                }
            } else if (m instanceof AiMessage a) {
                assistantParts(message(list, "assistant"), a, mask);
            } else if (m instanceof ToolExecutionResultMessage r) {
                message(list, "tool").addObject().put("type", "tool_call_response").put("id", r.id())
                        .put("result", mask.apply(Parts.text(r.contents())));
            }
        }
        return write(list);
    }

    /** The response as {@code gen_ai.output.messages}: one assistant message with its finish reason. */
    static String output(AiMessage response, FinishReason reason, UnaryOperator<String> mask) {
        ArrayNode list = JSON.createArrayNode();
        assistantParts(message(list, "assistant"), response, mask);
        ((ObjectNode) list.get(0)).put("finish_reason", finishReason(reason, response));
        return write(list);
    }

    /**
     * The conventions' finish reason: {@code stop}, {@code length}, {@code content_filter},
     * {@code tool_call}, or {@code error} for what LangChain4j calls {@code OTHER}.
     */
    static String finishReason(FinishReason reason, AiMessage response) {
        if (reason == null) {
            return response != null && response.hasToolExecutionRequests() ? "tool_call" : "stop";
        }
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case TOOL_EXECUTION -> "tool_call";
            default -> "error";
        };
    }

    private static void assistantParts(ArrayNode parts, AiMessage a, UnaryOperator<String> mask) {
        if (a.text() != null && !a.text().isEmpty()) {
            text(parts, mask.apply(a.text()));
        }
        if (a.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : a.toolExecutionRequests()) {
                ObjectNode part = parts.addObject().put("type", "tool_call").put("id", call.id()).put("name", call.name());
                part.set("arguments", arguments(mask.apply(call.arguments())));
            }
        }
    }

    private static JsonNode arguments(String json) {
        try {
            return JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static ArrayNode message(ArrayNode list, String role) {
        return list.addObject().put("role", role).putArray("parts");
    }

    private static void text(ArrayNode parts, String text) {
        parts.addObject().put("type", "text").put("content", text);
    }

    private static String write(ArrayNode list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
