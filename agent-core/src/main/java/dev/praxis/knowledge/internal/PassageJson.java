package dev.praxis.knowledge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.knowledge.Passage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Passages as JSON, for the knowledge tool's answers and for checkpoints; the one format both read back. */
public final class PassageJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PassageJson() {
    }

    /** {@code passages} as an array of {@code {id, document, score, metadata, text}}. */
    public static ArrayNode toJson(List<Passage> passages) {
        ArrayNode array = JSON.createArrayNode();
        for (Passage p : passages) {
            ObjectNode node = array.addObject();
            node.put("id", p.sourceId());
            node.put("document", p.documentId());
            node.put("score", Math.round(p.score() * 10_000) / 10_000.0);
            ObjectNode metadata = node.putObject("metadata");
            new java.util.TreeMap<>(p.metadata()).forEach(metadata::put);
            node.put("text", p.text());
        }
        return array;
    }

    /** The passages of an array written by {@link #toJson}. */
    public static List<Passage> fromJson(JsonNode array) {
        List<Passage> passages = new ArrayList<>();
        for (JsonNode node : array) {
            Map<String, String> metadata = new LinkedHashMap<>();
            node.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
            passages.add(new Passage(node.path("id").asText(), node.path("document").asText(),
                    node.path("text").asText(), node.path("score").asDouble(), metadata));
        }
        return List.copyOf(passages);
    }

    /**
     * The passages in an answer of the knowledge tool ({@code {"passages":[...]}}); empty for
     * anything else.
     */
    public static List<Passage> inToolAnswer(String content) {
        try {
            JsonNode passages = JSON.readTree(content).path("passages");
            return passages.isArray() ? fromJson(passages) : List.of();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Parses JSON text. */
    public static JsonNode parse(String text) throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON.readTree(text);
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
