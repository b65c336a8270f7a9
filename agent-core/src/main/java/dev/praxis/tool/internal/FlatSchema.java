package dev.praxis.tool.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A quick, allocation-free check for the schemas most tools have: an object whose properties
 * are plain strings, integers, numbers or booleans, some of them required. It only ever says
 * "certainly valid"; anything else (a violation, or a schema it does not fully understand,
 * such as formats, enums or nested objects) is left to the full JSON-schema validator, which
 * then decides and words the problem. Immutable and thread-safe.
 */
final class FlatSchema {

    private static final Set<String> OBJECT_KEYWORDS = Set.of("type", "properties", "required", "description",
            "title", "additionalProperties");
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("type", "description", "title");

    private enum Type { STRING, INTEGER, NUMBER, BOOLEAN }

    private final String[] names;
    private final Type[] types;
    /** Whether {@code names[i]} is required. */
    private final boolean[] needed;
    /** Required names that are not declared properties (odd, but a schema may say so). */
    private final String[] requiredUndeclared;
    private final boolean closed;

    private FlatSchema(Map<String, Type> properties, String[] required, boolean closed) {
        this.names = properties.keySet().toArray(new String[0]);
        this.types = new Type[names.length];
        this.needed = new boolean[names.length];
        Set<String> requiredSet = Set.copyOf(Arrays.asList(required));
        for (int i = 0; i < names.length; i++) {
            types[i] = properties.get(names[i]);
            needed[i] = requiredSet.contains(names[i]);
        }
        this.requiredUndeclared = requiredSet.stream().filter(n -> !properties.containsKey(n)).toArray(String[]::new);
        this.closed = closed;
    }

    /** The quick check for {@code schema}, or null when the schema is not flat enough for it. */
    static FlatSchema of(JsonNode schema) {
        if (!schema.isObject() || !"object".equals(schema.path("type").textValue())
                || !only(schema, OBJECT_KEYWORDS)) {
            return null;
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            return null;
        }
        Map<String, Type> properties = new HashMap<>();
        JsonNode declared = schema.path("properties");
        if (!declared.isMissingNode() && !declared.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            Type type = typeOf(property.getValue());
            if (type == null) {
                return null;
            }
            properties.put(property.getKey(), type);
        }
        JsonNode names = schema.path("required");
        if (!names.isMissingNode() && !names.isArray()) {
            return null;
        }
        String[] required = new String[names.size()];
        for (int i = 0; i < required.length; i++) {
            if (!names.get(i).isTextual()) {
                return null;
            }
            required[i] = names.get(i).textValue();
        }
        return new FlatSchema(Map.copyOf(properties), required, additional != null && !additional.booleanValue());
    }

    /** The declared property names. */
    String[] names() {
        return names.clone();
    }

    /** True only if {@code arguments} certainly conform; false means "ask the full validator". */
    boolean accepts(ObjectNode arguments) {
        for (String name : requiredUndeclared) {
            if (!arguments.has(name)) {
                return false;
            }
        }
        // one lookup per declared property rather than an iterator over the fields: no allocation
        int declared = 0;
        for (int i = 0; i < names.length; i++) {
            JsonNode value = arguments.get(names[i]);
            if (value == null) {
                if (needed[i]) {
                    return false;
                }
            } else if (!matches(types[i], value)) {
                return false;
            } else {
                declared++;
            }
        }
        return declared == arguments.size() || !closed;
    }

    private static boolean matches(Type type, JsonNode value) {
        return switch (type) {
            case STRING -> value.isTextual();
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
        };
    }

    private static Type typeOf(JsonNode property) {
        if (!property.isObject() || !only(property, PROPERTY_KEYWORDS)) {
            return null;
        }
        String type = property.path("type").textValue();
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "string" -> Type.STRING;
            case "integer" -> Type.INTEGER;
            case "number" -> Type.NUMBER;
            case "boolean" -> Type.BOOLEAN;
            default -> null;
        };
    }

    private static boolean only(JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (!allowed.contains(it.next())) {
                return false;
            }
        }
        return true;
    }
}
