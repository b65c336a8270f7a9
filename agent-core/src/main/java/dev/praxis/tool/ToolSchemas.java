package dev.praxis.tool;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;

import java.util.List;
import java.util.Map;

/**
 * A tool's parameter schema as JSON (maps, lists, strings), the form validators and protocols
 * use. Unlike LangChain4j's own conversion, which writes {@code additionalProperties} only in
 * strict mode, it keeps what each object schema says about extra properties, so a tool declared
 * closed ({@code additionalProperties: false}) is validated and published as closed.
 */
public final class ToolSchemas {

    private ToolSchemas() {
    }

    /** {@code schema} as JSON Schema; a null schema is an object with no properties. */
    public static Map<String, Object> toMap(JsonSchemaElement schema) {
        if (schema == null) {
            return new java.util.LinkedHashMap<>(Map.of("type", "object", "properties", Map.of()));
        }
        Map<String, Object> map = JsonSchemaElementUtils.toMap(schema);
        keepAdditionalProperties(schema, map);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static void keepAdditionalProperties(JsonSchemaElement element, Object json) {
        if (!(json instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        if (element instanceof JsonObjectSchema object) {
            if (object.additionalProperties() != null) {
                map.put("additionalProperties", object.additionalProperties());
            }
            each(object.properties(), map.get("properties"));
            each(object.definitions(), map.get("$defs"));
        } else if (element instanceof JsonArraySchema array) {
            keepAdditionalProperties(array.items(), map.get("items"));
        } else if (element instanceof JsonAnyOfSchema anyOf && map.get("anyOf") instanceof List<?> options) {
            for (int i = 0; i < Math.min(options.size(), anyOf.anyOf().size()); i++) {
                keepAdditionalProperties(anyOf.anyOf().get(i), options.get(i));
            }
        }
    }

    private static void each(Map<String, JsonSchemaElement> elements, Object json) {
        if (elements != null && json instanceof Map<?, ?> map) {
            elements.forEach((name, element) -> keepAdditionalProperties(element, map.get(name)));
        }
    }
}
