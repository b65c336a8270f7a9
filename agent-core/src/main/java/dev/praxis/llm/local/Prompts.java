package dev.praxis.llm.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.llm.LlmException;
import dev.praxis.content.Parts;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns a chat request into a llama.cpp prompt and, where the answer must be JSON, a grammar.
 *
 * <p>With tools, the model must answer with exactly one JSON object: {@code {"answer": "..."}}
 * or {@code {"tool": "<name>", "arguments": {...}}} where the arguments follow that tool's
 * schema; the grammar makes any other output impossible. With a JSON response format, the
 * answer is constrained to that schema. Otherwise the model writes free text.
 */
final class Prompts {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to generate and how to read it. */
    record Plan(String prompt, InferenceParameters parameters, boolean toolMode, int promptTokens, int maxTokens) {
    }

    private Prompts() {
    }

    static Plan plan(ChatRequest request, LocalOptions options, Function<InferenceParameters, String> template,
                     Function<String, int[]> encode) {
        List<ToolSpecification> tools = request.toolSpecifications() == null ? List.of() : request.toolSpecifications();
        boolean toolMode = !tools.isEmpty();
        StringBuilder system = new StringBuilder();
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message instanceof SystemMessage s) {
                system.append(system.isEmpty() ? "" : "\n").append(s.text());
            } else if (message instanceof UserMessage u) {
                turns.add(new Pair<>("user", Parts.text(u.contents())));
            } else if (message instanceof AiMessage ai) {
                turns.add(new Pair<>("assistant", ai.hasToolExecutionRequests() ? toolChoiceJson(ai) : ai.text()));
            } else if (message instanceof ToolExecutionResultMessage r) {
                turns.add(new Pair<>("user", "Result of tool " + r.toolName() + ": " + Parts.text(r.contents())));
            } else {
                throw new LlmException("the local model cannot read a " + message.type() + " message");
            }
        }
        String grammar = null;
        if (toolMode) {
            system.append(system.isEmpty() ? "" : "\n\n").append(toolInstructions(tools));
            boolean mustCall = request.toolChoice() == dev.langchain4j.model.chat.request.ToolChoice.REQUIRED;
            grammar = LlamaModel.jsonSchemaToGrammar(write(toolChoiceSchema(tools, mustCall)));
        } else if (request.responseFormat() != null && request.responseFormat().type() == ResponseFormatType.JSON
                && request.responseFormat().jsonSchema() != null) {
            grammar = LlamaModel.jsonSchemaToGrammar(
                    write(JsonSchemaElementUtils.toMap(request.responseFormat().jsonSchema().rootElement(), true)));
        }
        String prompt = template.apply(new InferenceParameters("").setMessages(system.toString(), turns));
        int maxTokens = request.maxOutputTokens() != null ? request.maxOutputTokens() : options.maxTokens();
        double temperature = request.temperature() != null ? request.temperature() : options.temperature();
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setNPredict(maxTokens)
                .setTemperature((float) temperature)
                .setSeed(options.seed())
                .setCachePrompt(false);   // no state carried between calls: same seed and prompt, same text
        if (grammar != null) {
            parameters.setGrammar(grammar);
        }
        return new Plan(prompt, parameters, toolMode, encode.apply(prompt).length, maxTokens);
    }

    /** The model's constrained JSON as a message: a final answer or one tool call. */
    static AiMessage parseToolChoice(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LlmException("the local model's tool choice is not JSON (was the answer cut off by the token"
                    + " limit?): " + text, e, true);
        }
        if (node != null && node.hasNonNull("tool")) {
            return AiMessage.from(ToolExecutionRequest.builder()
                    .id("call_" + UUID.randomUUID().toString().substring(0, 8))
                    .name(node.get("tool").asText())
                    .arguments(node.path("arguments").toString())
                    .build());
        }
        if (node != null && node.hasNonNull("answer")) {
            return AiMessage.from(node.get("answer").asText());
        }
        throw new LlmException("the local model's tool choice has neither 'tool' nor 'answer': " + text, null, true);
    }

    private static String toolChoiceJson(AiMessage ai) {
        ToolExecutionRequest call = ai.toolExecutionRequests().get(0);
        return "{\"tool\":" + quote(call.name()) + ",\"arguments\":" + call.arguments() + "}";
    }

    private static String toolInstructions(List<ToolSpecification> tools) {
        StringBuilder text = new StringBuilder("You can call these tools:\n");
        for (ToolSpecification tool : tools) {
            text.append("- ").append(tool.name()).append(": ")
                    .append(tool.description() == null ? "" : tool.description()).append("\n");
        }
        return text.append("Reply with one JSON object only: {\"tool\": name, \"arguments\": {...}} to call a tool,")
                .append(" or {\"answer\": text} when you can answer.").toString();
    }

    private static Map<String, Object> toolChoiceSchema(List<ToolSpecification> tools, boolean mustCall) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (ToolSpecification tool : tools) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("tool", Map.of("const", tool.name()));
            JsonObjectSchema parameters = tool.parameters() != null ? tool.parameters() : JsonObjectSchema.builder().build();
            properties.put("arguments", JsonSchemaElementUtils.toMap(parameters));
            options.add(object(properties, List.of("tool", "arguments")));
        }
        if (!mustCall) {
            options.add(object(Map.of("answer", Map.of("type", "string")), List.of("answer")));
        }
        return options.size() == 1 ? options.get(0) : Map.of("oneOf", options);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return write(s);
    }
}
