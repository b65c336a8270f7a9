package dev.praxis.examples.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a tool's parameters from what the user wrote (the "slots" of a classic dialogue
 * system), by the parameter's JSON-schema type and name: integers and numbers in order,
 * booleans from yes/no, enum values and known names (a vocabulary per parameter name) where
 * they appear, dates, times and e-mail addresses by pattern, and any other text parameter
 * with the whole message. A required slot not found in the latest message is looked for in
 * the user's earlier messages, most recent first, so the conversation carries context.
 * Immutable and thread-safe.
 */
public final class SlotFiller {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.]*\\d)");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern YES_NO = Pattern.compile("\\b(yes|no|true|false)\\b");

    private final Map<String, Set<String>> vocabulary;
    private final Clock clock;

    /**
     * @param vocabulary known values per parameter name (for example {@code "city"} to the
     *                   cities of an example's data); matched case-insensitively as whole words
     * @param clock      "today" for relative dates
     */
    public SlotFiller(Map<String, Set<String>> vocabulary, Clock clock) {
        this.vocabulary = Map.copyOf(vocabulary);
        this.clock = clock;
    }

    /** The arguments of {@code tool} found in {@code message}, else in {@code earlier} (newest first). */
    public Slots fill(ToolSpecification tool, String message, List<String> earlier) {
        JsonObjectSchema schema = tool.parameters();
        ObjectNode arguments = JSON.createObjectNode();
        if (schema == null || schema.properties() == null) {
            return new Slots.Filled("{}");
        }
        Set<String> required = schema.required() == null ? Set.of() : Set.copyOf(schema.required());
        List<String> missing = new ArrayList<>();
        Text latest = new Text(message);
        List<Text> history = earlier.stream().map(Text::new).toList();
        Map<String, Object> found = new java.util.HashMap<>();
        // free text last, so it can leave out the dates and times that other slots took
        for (boolean freeTextPass : new boolean[] {false, true}) {
            for (Map.Entry<String, JsonSchemaElement> property : schema.properties().entrySet()) {
                if (isFreeText(property.getKey(), property.getValue()) != freeTextPass) {
                    continue;
                }
                String name = property.getKey();
                Optional<Object> value = extract(name, property.getValue(), latest, true);
                for (int i = 0; value.isEmpty() && required.contains(name) && i < history.size(); i++) {
                    value = extract(name, property.getValue(), history.get(i), false);
                }
                value.ifPresent(v -> found.put(name, v));
            }
        }
        for (Map.Entry<String, JsonSchemaElement> property : schema.properties().entrySet()) {
            String name = property.getKey();
            if (found.containsKey(name)) {
                arguments.putPOJO(name, found.get(name));
            } else if (required.contains(name)) {
                missing.add(name + (description(property.getValue()).isEmpty() ? ""
                        : " (" + description(property.getValue()) + ")"));
            }
        }
        return missing.isEmpty() ? new Slots.Filled(arguments.toString()) : new Slots.Missing(missing);
    }

    /** @param latest whether {@code text} is the latest message, rather than an earlier turn */
    private Optional<Object> extract(String name, JsonSchemaElement type, Text text, boolean latest) {
        String hint = (name + " " + description(type)).toLowerCase(Locale.ROOT);
        if (!latest) {
            return remembered(name, type, text, hint);
        }
        if (type instanceof JsonIntegerSchema || type instanceof JsonNumberSchema) {
            Optional<String> number = text.next(NUMBER);
            return type instanceof JsonIntegerSchema
                    ? number.filter(n -> !n.contains(".")).map(Long::parseLong)
                    : number.map(BigDecimal::new);
        }
        if (type instanceof JsonBooleanSchema) {
            return text.next(YES_NO).map(v -> v.equals("yes") || v.equals("true"));
        }
        if (type instanceof JsonEnumSchema e) {
            return text.known(e.enumValues(), name, Set.of()).map(Object.class::cast);
        }
        if (!(type instanceof JsonStringSchema)) {
            return Optional.empty();
        }
        Set<String> known = vocabulary.get(name);
        if (known != null) {
            Set<String> others = new java.util.HashSet<>(vocabulary.keySet());
            others.remove(name);
            return text.known(known, name, others).map(Object.class::cast);
        }
        if (hint.contains("date") || hint.contains("day")) {
            return Dates.date(text, clock).map(Object.class::cast);
        }
        if (hint.contains("time")) {
            return Dates.time(text).map(Object.class::cast);
        }
        if (hint.contains("email") || hint.contains("e-mail")) {
            return text.next(EMAIL).map(Object.class::cast);
        }
        return Optional.of(text.withoutTemporal());
    }

    /**
     * What an earlier turn can supply: who the user is (an e-mail address) and labelled
     * numbers ("order 1042" for a parameter named order). Dates, times and places belong to
     * one request and are asked for again rather than guessed from old turns.
     */
    private static Optional<Object> remembered(String name, JsonSchemaElement type, Text text, String hint) {
        if (type instanceof JsonIntegerSchema) {
            return text.nextAfter(NUMBER, name).filter(n -> !n.contains(".")).map(Long::parseLong);
        }
        if (type instanceof JsonStringSchema && (hint.contains("email") || hint.contains("e-mail"))) {
            return text.next(EMAIL).map(Object.class::cast);
        }
        return Optional.empty();
    }

    private boolean isFreeText(String name, JsonSchemaElement type) {
        String hint = (name + " " + description(type)).toLowerCase(Locale.ROOT);
        return type instanceof JsonStringSchema && !vocabulary.containsKey(name) && !hint.contains("date")
                && !hint.contains("day") && !hint.contains("time") && !hint.contains("email") && !hint.contains("e-mail");
    }

    private static String description(JsonSchemaElement element) {
        String d = element.description();
        return d == null ? "" : d;
    }
}
