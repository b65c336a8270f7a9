package dev.praxis.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.praxis.llm.internal.Bpe;
import dev.praxis.content.Parts;

import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Counts the prompt tokens a request sends, with a real BPE tokenizer (jtokkit), before it is
 * sent: every message's text, tool calls and results, each tool's name, description and
 * parameter schema, and a JSON response format's schema. The encoding is the model's own for
 * OpenAI models jtokkit knows ({@code o200k_base} for {@code gpt-4o}, {@code cl100k_base} for
 * {@code gpt-4}); for other models (Claude, Gemini, Llama, ...) {@code cl100k_base} stands in
 * for their own tokenizer, so the count is an approximation. Images and other non-text
 * content are not counted. Special-token text such as {@code <|endoftext|>} counts as
 * ordinary text. jtokkit ({@code com.knuddels:jtokkit}) is an optional dependency: without it
 * on the class path the count is an estimate of one token per four bytes of UTF-8 text.
 * Thread-safe.
 */
public final class PromptTokens {

    /** Tokens added per message for role and separators, as chat formats frame them. */
    public static final int MESSAGE_OVERHEAD = 4;
    /** Tokens that prime the model's reply. */
    public static final int REPLY_PRIMING = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptTokens() {
    }

    /** The prompt tokens of {@code request} sent to {@code model} (may be null: then cl100k_base). */
    public static int count(ChatRequest request, String model) {
        Objects.requireNonNull(request, "request");
        ToIntFunction<String> encoding = Bpe.forModel(model);
        int tokens = REPLY_PRIMING;
        for (ChatMessage message : request.messages()) {
            tokens += MESSAGE_OVERHEAD + encoding.applyAsInt(text(message));
        }
        if (request.toolSpecifications() != null) {
            for (ToolSpecification tool : request.toolSpecifications()) {
                tokens += MESSAGE_OVERHEAD + encoding.applyAsInt(tool.name() + " "
                        + Objects.requireNonNullElse(tool.description(), "") + " " + schema(tool.parameters()));
            }
        }
        ResponseFormat format = request.responseFormat();
        if (format != null && format.jsonSchema() != null) {
            tokens += encoding.applyAsInt(schema(format.jsonSchema().rootElement()));
        }
        return tokens;
    }

    private static String schema(JsonSchemaElement element) {
        if (element == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(JsonSchemaElementUtils.toMap(element));
        } catch (JsonProcessingException e) {
            return element.toString();
        }
    }

    private static String text(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof UserMessage user) {
            StringBuilder text = new StringBuilder();
            for (Content content : user.contents()) {
                if (content instanceof TextContent t) {
                    text.append(t.text());
                }
            }
            return text.toString();
        }
        if (message instanceof AiMessage ai) {
            StringBuilder text = new StringBuilder(Objects.requireNonNullElse(ai.text(), ""));
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                text.append(' ').append(call.name()).append(' ').append(call.arguments());
            }
            return text.toString();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return result.toolName() + " " + Parts.text(result.contents());
        }
        return message.toString();
    }
}
