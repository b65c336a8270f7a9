package dev.praxis.llm.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.praxis.llm.LlmDecorator;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The JSON shape a model's answer must have, derived from a Java type (usually a record),
 * with the means to ask for it and to check an answer against it.
 *
 * <pre>{@code
 * record Invoice(String customer, double total, List<String> items) {}
 * OutputSchema<Invoice> schema = OutputSchema.of(Invoice.class);
 * switch (schema.parse(modelText)) {
 *     case Parsed.Valid<Invoice> v -> use(v.value());
 *     case Parsed.Invalid<Invoice> i -> reAsk(i.error());
 * }
 * }</pre>
 *
 * <p>An answer is accepted only if it is JSON, valid against the schema (every component
 * required, no unknown properties), and binds to the type without nulls for missing values:
 * never a half-filled object. Immutable and thread-safe.
 */
public final class OutputSchema<T> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Class<T> type;
    private final JsonSchemaElement root;
    private final String schemaJson;
    private final Schema validator;

    private OutputSchema(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        this.root = ClosedSchema.close(JsonSchemaElementUtils.jsonSchemaElementFrom(type));
        try {
            this.schemaJson = JSON.writeValueAsString(JsonSchemaElementUtils.toMap(root, true));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot describe " + type.getName() + " as a JSON schema", e);
        }
        this.validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaJson, InputFormat.JSON);
    }

    /** The schema of {@code type}: a record's components, a class's fields, nested types, lists, enums. */
    public static <T> OutputSchema<T> of(Class<T> type) {
        return new OutputSchema<>(type);
    }

    /** The type answers bind to. */
    public Class<T> type() {
        return type;
    }

    /** The schema as JSON text. */
    public String json() {
        return schemaJson;
    }

    /** Words for the prompt: answer with one JSON object matching the schema and nothing else. */
    public String instructions() {
        return "Answer with one JSON object only, no prose and no code fences, valid against this JSON schema:\n"
                + schemaJson;
    }

    /** LangChain4j's response format asking providers that support it for this schema natively. */
    public ResponseFormat responseFormat() {
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(type.getSimpleName()).rootElement(root).build())
                .build();
    }

    /**
     * A decorator that adds {@link #responseFormat()} to every request, for providers with
     * native structured output: OpenAI's {@code response_format} (json_schema, strict), Gemini's
     * {@code responseSchema}, Ollama's {@code format}, Anthropic's {@code output_config.format}
     * and the local GGUF backend's grammar.
     */
    public LlmDecorator nativeFormat() {
        ResponseFormat format = responseFormat();
        return next -> new dev.praxis.llm.LlmClient() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse chat(ChatRequest request) {
                return next.chat(withFormat(request, format));
            }

            @Override
            public void stream(ChatRequest request,
                               dev.langchain4j.model.chat.response.StreamingChatResponseHandler handler) {
                next.stream(withFormat(request, format), handler);
            }
        };
    }

    private static ChatRequest withFormat(ChatRequest request, ResponseFormat format) {
        return request.toBuilder().responseFormat(format).build();
    }

    /** Checks {@code text} and binds it; an invalid answer comes with the exact reasons. */
    public Parsed<T> parse(String text) {
        Objects.requireNonNull(text, "text");
        JsonNode tree;
        try {
            tree = JSON.readTree(stripFences(text));
        } catch (JsonProcessingException e) {
            return new Parsed.Invalid<>("not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            return new Parsed.Invalid<>("the answer is empty; expected a JSON object");
        }
        List<com.networknt.schema.Error> errors = validator.validate(tree);
        if (!errors.isEmpty()) {
            return new Parsed.Invalid<>("does not match the schema: "
                    + errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        try {
            return new Parsed.Valid<>(JSON.treeToValue(tree, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new Parsed.Invalid<>("does not fit " + type.getSimpleName() + ": " + message);
        }
    }

    private static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine > 0 && close > firstLine) {
                return t.substring(firstLine + 1, close).strip();
            }
        }
        return t;
    }
}
