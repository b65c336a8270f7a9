package dev.praxis.llm.output;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a derived schema say what {@link OutputSchema#parse} enforces: every property of every
 * object required and no other properties allowed. LangChain4j derives record components as
 * optional, so without this a provider's native structured output (OpenAI strict mode, Gemini,
 * Ollama, Anthropic) would be told that a half-filled object is fine, and OpenAI's strict mode
 * would refuse the schema.
 */
final class ClosedSchema {

    private ClosedSchema() {
    }

    /** {@code element} with every object in it closed. */
    static JsonSchemaElement close(JsonSchemaElement element) {
        if (element instanceof JsonObjectSchema object) {
            return closeObject(object);
        }
        if (element instanceof JsonArraySchema array) {
            return JsonArraySchema.builder().description(array.description()).items(close(array.items())).build();
        }
        if (element instanceof JsonAnyOfSchema anyOf) {
            return JsonAnyOfSchema.builder().description(anyOf.description())
                    .anyOf(anyOf.anyOf().stream().map(ClosedSchema::close).toList()).build();
        }
        return element;
    }

    private static JsonObjectSchema closeObject(JsonObjectSchema object) {
        Map<String, JsonSchemaElement> properties = closeAll(object.properties());
        JsonObjectSchema.Builder closed = JsonObjectSchema.builder().description(object.description())
                .addProperties(properties).required(new ArrayList<>(properties.keySet())).additionalProperties(false);
        if (object.definitions() != null && !object.definitions().isEmpty()) {
            closed.definitions(closeAll(object.definitions()));
        }
        return closed.build();
    }

    private static Map<String, JsonSchemaElement> closeAll(Map<String, JsonSchemaElement> elements) {
        Map<String, JsonSchemaElement> closed = new LinkedHashMap<>();
        if (elements != null) {
            elements.forEach((name, element) -> closed.put(name, close(element)));
        }
        return closed;
    }
}
