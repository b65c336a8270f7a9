package dev.praxis.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.tool.ToolException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON arguments of one call, read with messages the model can act on. The toolbox has
 * already checked them against the schema; these checks guard direct callers too.
 */
public final class Args {

    /** The shared JSON mapper of the tools. */
    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ObjectNode node;

    private Args(ObjectNode node) {
        this.node = node;
    }

    /** Parses the raw arguments; anything but a JSON object is a {@link ToolException}. */
    public static Args parse(String arguments) {
        try {
            JsonNode root = JSON.readTree(arguments);
            if (root instanceof ObjectNode object) {
                return new Args(object);
            }
        } catch (JsonProcessingException e) {
            throw new ToolException("arguments are not valid JSON: " + e.getOriginalMessage());
        }
        throw new ToolException("arguments must be a JSON object");
    }

    /** A required, non-blank string. */
    public String string(String name) {
        return optionalString(name).filter(s -> !s.isBlank())
                .orElseThrow(() -> new ToolException("argument '" + name + "' is required and must be a non-empty string"));
    }

    /** An optional string; present but not a string is an error. */
    public Optional<String> optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new ToolException("argument '" + name + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    /** An optional integer within [min, max], else {@code fallback}. */
    public int integer(String name, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new ToolException("argument '" + name + "' must be an integer");
        }
        int n = value.asInt();
        if (n < min || n > max) {
            throw new ToolException("argument '" + name + "' must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    /** An optional boolean, else {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ToolException("argument '" + name + "' must be true or false");
        }
        return value.asBoolean();
    }

    /** An optional array of scalars (strings, numbers, booleans, null) as Java values. */
    public List<Object> scalars(String name) {
        JsonNode value = node.get(name);
        List<Object> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (!value.isArray()) {
            throw new ToolException("argument '" + name + "' must be an array");
        }
        for (JsonNode item : value) {
            if (item.isContainerNode()) {
                throw new ToolException("argument '" + name + "' may only hold strings, numbers, booleans or null");
            }
            values.add(item.isNull() ? null : item.isTextual() ? item.asText() : item.isBoolean() ? item.asBoolean()
                    : item.isIntegralNumber() ? item.longValue() : item.decimalValue());
        }
        return values;
    }
}
