package dev.praxis.tool.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.tool.ToolSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a call's JSON arguments once and checks them against its tool's parameter schema
 * (JSON Schema 2020-12, format assertions on), phrasing each violation for the model, e.g.
 * {@code field `date`: "31/12/2026" does not match format date (expected yyyy-MM-dd)}.
 * The parsed object goes on to the tool, so the arguments are never parsed twice.
 * Immutable and thread-safe.
 */
public final class ArgumentValidator {

    // calls run on many short-lived (virtual) threads: a thread-local buffer pool would start
    // empty on each of them, so parse buffers come from a pool shared by all threads
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build()).build();
    private static final Map<String, String> FORMAT_HINTS = Map.of(
            "date", "yyyy-MM-dd",
            "date-time", "an RFC 3339 timestamp such as 2026-01-31T09:30:00Z",
            "time", "HH:mm:ss with an offset, e.g. 09:30:00Z",
            "email", "an e-mail address such as name@example.org",
            "uri", "an absolute URI such as https://example.org/page",
            "uuid", "a UUID such as 123e4567-e89b-12d3-a456-426614174000");
    private static final int MAX_REPORTED = 5;

    /** The parameter schema, or null for a tool without parameters. */
    private final JsonNode node;
    private final FlatSchema flat;
    private final FlatJson reader;
    /** The full validator; for a flat schema made only when the quick check cannot vouch for a call. */
    private volatile Schema schema;

    /** The outcome of a check: the parsed arguments, or what is wrong with them. */
    public sealed interface Checked {
        /** The arguments conform; {@code arguments} is the parsed object (do not modify it). */
        record Valid(ObjectNode arguments) implements Checked {
        }

        /** The arguments do not conform; {@code problem} says why, for the model. */
        record Invalid(String problem) implements Checked {
        }
    }

    private ArgumentValidator(JsonNode node, FlatSchema flat) {
        this.node = node;
        this.flat = flat;
        this.reader = flat == null ? null : new FlatJson(flat.names());
        if (node != null && flat == null) {
            this.schema = Registry.INSTANCE.getSchema(node); // a schema the quick check cannot read: load it now
        }
    }

    /** The JSON-schema validator's registry, loaded on first use: a flat schema seldom needs it. */
    private static final class Registry {
        static final SchemaRegistry INSTANCE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true).build()));
    }

    /** A validator for the tool's parameters; a tool without parameters accepts any JSON object. */
    public static ArgumentValidator of(ToolSpecification spec) {
        if (spec.parameters() == null) {
            return new ArgumentValidator(null, null);
        }
        JsonNode node = tree(ToolSchemas.toMap(spec.parameters()));
        return new ArgumentValidator(node, FlatSchema.of(node));
    }

    /**
     * {@code value} (maps, lists, strings, numbers, booleans, as a schema map holds them) as the tree
     * {@code valueToTree} makes, without setting up Jackson's serializers for the first tool of a JVM.
     */
    static JsonNode tree(Object value) {
        JsonNodeFactory nodes = JSON.getNodeFactory();
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.set(String.valueOf(entry.getKey()), tree(entry.getValue()));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode(list.size());
            for (Object item : list) {
                array.add(tree(item));
            }
            return array;
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        return value == null ? nodes.nullNode() : JSON.valueToTree(value); // anything else as Jackson writes it
    }

    /** Parses {@code arguments} and checks them against the schema. */
    public Checked check(String arguments) {
        JsonNode root = reader == null ? null : reader.parse(arguments);
        if (root == null) {
            try {
                root = JSON.readTree(arguments);
            } catch (JsonProcessingException e) {
                return new Checked.Invalid("arguments are not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!(root instanceof ObjectNode object)) {
            return new Checked.Invalid("arguments must be a JSON object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : kind(root)));
        }
        // the full validator decides (and words the problem) whenever the quick check cannot vouch
        if (node == null || flat != null && flat.accepts(object)) {
            return new Checked.Valid(object);
        }
        List<Error> errors = schema().validate(object);
        if (errors.isEmpty()) {
            return new Checked.Valid(object);
        }
        List<String> lines = new ArrayList<>();
        for (Error error : errors.subList(0, Math.min(MAX_REPORTED, errors.size()))) {
            lines.add(describe(error));
        }
        if (errors.size() > MAX_REPORTED) {
            lines.add("(" + (errors.size() - MAX_REPORTED) + " more)");
        }
        return new Checked.Invalid(String.join("; ", lines));
    }

    private Schema schema() {
        Schema full = schema;
        if (full == null) {
            full = Registry.INSTANCE.getSchema(node); // racing callers build equal schemas: either will do
            schema = full;
        }
        return full;
    }

    private static String describe(Error error) {
        String field = field(error);
        String message = stripLocation(error.getMessage());
        if ("format".equals(error.getKeyword()) && error.getSchemaNode() != null) {
            String format = error.getSchemaNode().asText();
            String hint = FORMAT_HINTS.get(format);
            String value = error.getInstanceNode() == null ? "value" : error.getInstanceNode().toString();
            message = value + " does not match format " + format + (hint == null ? "" : " (expected " + hint + ")");
        }
        return field.isEmpty() ? message : "field `" + field + "`: " + message;
    }

    private static String field(Error error) {
        String path = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        // instance locations are JSON pointers ("/items/0/date"); the model reads dotted paths
        path = path.replaceFirst("^[$#]", "").replaceFirst("^[./]", "").replace('/', '.');
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
        }
        return path;
    }

    private static String stripLocation(String message) {
        if (message == null) {
            return "invalid value";
        }
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }
}
