package dev.praxis.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prompt tokens sent per task: every request a task sends to the model, rendered the way a
 * chat-completions provider receives it (role, content, tool calls, tool definitions) and
 * counted with the o200k_base tokenizer. Both libraries' requests go through the same
 * renderer, so the difference is only what each library chose to send.
 */
final class TokenHarness {

    private static final Encoding TOKENIZER = Encodings.newDefaultEncodingRegistry()
            .getEncoding(EncodingType.O200K_BASE);

    private TokenHarness() {
    }

    /** Adds tokens per task for the S1 task (stateless) and the S3 task (five turns, in a session). */
    static void measure(Map<String, Object> out) {
        count(out, "tokens.s1", 1, (model) -> {
            Checks.answered("praxis", PraxisSubject.stateless(model).run(Scenario.TASK));
            return null;
        }, (model) -> {
            Checks.answered("langchain4j", LangChain4jSubject.stateless(model).run(Scenario.TASK));
            return null;
        });
        count(out, "tokens.s3", ScaleHarness.TOOL_STEPS, (model) -> {
            Checks.answered("praxis", PraxisSubject.sessions(model, 100).run("s", Scenario.TASK));
            return null;
        }, (model) -> {
            Checks.answered("langchain4j", LangChain4jSubject.sessions(model, 100).run("s", Scenario.TASK));
            return null;
        });
        out.put("tokens.encoding", "o200k_base");
    }

    private static void count(Map<String, Object> out, String key, int toolSteps,
                              Function<ScriptedChatModel, Void> praxis, Function<ScriptedChatModel, Void> langchain4j) {
        ScriptedChatModel forPraxis = ScriptedChatModel.of(toolSteps).recording();
        praxis.apply(forPraxis);
        ScriptedChatModel forLangChain4j = ScriptedChatModel.of(toolSteps).recording();
        langchain4j.apply(forLangChain4j);
        out.put(key + ".praxis", tokens(forPraxis.requests()));
        out.put(key + ".langchain4j", tokens(forLangChain4j.requests()));
        out.put(key + ".praxis.requests", forPraxis.requests().size());
        out.put(key + ".langchain4j.requests", forLangChain4j.requests().size());
    }

    static int tokens(List<ChatRequest> requests) {
        int total = 0;
        for (ChatRequest request : requests) {
            total += TOKENIZER.countTokens(render(request));
        }
        return total;
    }

    /** One request as text close to what goes over the wire. */
    static String render(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            text.append(render(message)).append('\n');
        }
        List<ToolSpecification> tools = request.toolSpecifications();
        if (tools != null) {
            for (ToolSpecification tool : tools) {
                text.append("{\"type\":\"function\",\"function\":{\"name\":\"").append(tool.name())
                        .append("\",\"description\":\"").append(tool.description()).append("\",\"parameters\":")
                        .append(render(tool.parameters())).append("}}\n");
            }
        }
        return text.toString();
    }

    private static String render(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return "system: " + system.text();
        }
        if (message instanceof UserMessage user) {
            return "user: " + user.singleText();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return "tool(" + result.id() + "): " + result.text();
        }
        if (message instanceof AiMessage ai) {
            StringBuilder text = new StringBuilder("assistant: ").append(ai.text() == null ? "" : ai.text());
            if (ai.hasToolExecutionRequests()) {
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    text.append(" {\"id\":\"").append(call.id()).append("\",\"name\":\"").append(call.name())
                            .append("\",\"arguments\":").append(call.arguments()).append('}');
                }
            }
            return text.toString();
        }
        return message.type() + ": " + message;
    }

    private static String render(JsonSchemaElement schema) {
        if (schema == null) {
            return "{}";
        }
        if (schema instanceof JsonObjectSchema object) {
            StringBuilder text = new StringBuilder("{\"type\":\"object\",\"properties\":{");
            String separator = "";
            for (Map.Entry<String, JsonSchemaElement> property : object.properties().entrySet()) {
                text.append(separator).append('"').append(property.getKey()).append("\":")
                        .append(render(property.getValue()));
                separator = ",";
            }
            text.append("},\"required\":").append(object.required() == null ? "[]" : quoted(object.required()));
            return text.append('}').toString();
        }
        String type = schema.getClass().getSimpleName().replace("Json", "").replace("Schema", "").toLowerCase();
        String description = schema.description();
        return "{\"type\":\"" + type + "\"" + (description == null ? "" : ",\"description\":\"" + description + "\"") + "}";
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> '"' + n + '"').toList().toString().replace(" ", "");
    }
}
