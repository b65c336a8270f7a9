package dev.praxis.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an A2A agent publishes about itself at {@code /.well-known/agent-card.json}: who it is,
 * where its JSON-RPC endpoint is and what it can do. Only the fields Praxis uses are modelled;
 * the JSON carries the rest of the A2A 0.3 card with fixed values (text in, text out,
 * streaming over {@code message/stream}, no push notifications).
 *
 * @param name        the agent's name
 * @param description what it does, for people and for routing models
 * @param url         the JSON-RPC endpoint
 * @param version     the agent's own version
 * @param skills      what it can do
 */
public record AgentCard(String name, String description, String url, String version, List<Skill> skills) {

    /** The A2A protocol version this card declares. */
    public static final String PROTOCOL_VERSION = "0.3.0";

    /** Copies the skills and rejects nulls. */
    public AgentCard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
        skills = List.copyOf(skills);
    }

    /**
     * One thing the agent can do.
     *
     * @param id          a stable id
     * @param name        a short name
     * @param description what the skill does
     */
    public record Skill(String id, String name, String description) {
        /** Rejects nulls. */
        public Skill {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /** This card served at another endpoint. */
    public AgentCard withUrl(String endpoint) {
        return new AgentCard(name, description, endpoint, version, skills);
    }

    /** The card as A2A JSON. */
    public JsonNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode card = json.objectNode().put("protocolVersion", PROTOCOL_VERSION).put("name", name)
                .put("description", description).put("url", url).put("version", version)
                .put("preferredTransport", "JSONRPC");
        card.putObject("capabilities").put("streaming", true).put("pushNotifications", false)
                .put("stateTransitionHistory", false);
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain");
        ArrayNode list = card.putArray("skills");
        for (Skill skill : skills) {
            ObjectNode node = list.addObject().put("id", skill.id()).put("name", skill.name())
                    .put("description", skill.description());
            node.putArray("tags");
        }
        return card;
    }

    /**
     * The card in {@code json}.
     *
     * @throws A2aException if a required field is missing
     */
    public static AgentCard fromJson(JsonNode json) {
        List<Skill> skills = new ArrayList<>();
        for (JsonNode skill : json.path("skills")) {
            skills.add(new Skill(skill.path("id").asText(""), skill.path("name").asText(""),
                    skill.path("description").asText("")));
        }
        for (String field : List.of("name", "url")) {
            if (!json.path(field).isTextual()) {
                throw new A2aException("agent card has no '" + field + "': " + abbreviate(json.toString()));
            }
        }
        return new AgentCard(json.path("name").asText(), json.path("description").asText(""),
                json.path("url").asText(), json.path("version").asText(""), skills);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
