package dev.praxis.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.knowledge.Passage;
import dev.praxis.knowledge.internal.PassageJson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The passages retrieved into one run's prompt ({@code Retrieval.inject}) and the message that
 * carries them: put in once, at the run's start, then part of every prompt, its checkpoints
 * and the citations of its answer. Confined to the run's thread, like its {@link Run}.
 */
final class InjectedKnowledge {

    /** The checkpoint extension holding the passages and their message. */
    static final String EXTENSION = "knowledge";

    private List<Passage> passages = List.of();
    private UserMessage message;

    /** The knowledge a checkpointed run had injected, if any. */
    static InjectedKnowledge of(Map<String, JsonNode> extensions) {
        InjectedKnowledge knowledge = new InjectedKnowledge();
        JsonNode known = extensions.get(EXTENSION);
        if (known != null) {
            knowledge.put(PassageJson.fromJson(known.path("passages")), known.path("message").asText());
        }
        return knowledge;
    }

    /** Puts {@code passages}, carried by {@code message}, into every prompt of the run. */
    void put(List<Passage> passages, String message) {
        this.passages = List.copyOf(passages);
        this.message = UserMessage.from(message);
    }

    boolean present() {
        return message != null;
    }

    /** The message that carries the passages; {@code null} when none were injected. */
    UserMessage message() {
        return message;
    }

    List<Passage> passages() {
        return passages;
    }

    /** The passages and their message as a checkpoint extension; empty when none were injected. */
    Optional<JsonNode> extension() {
        if (message == null) {
            return Optional.empty();
        }
        ObjectNode node = PassageJson.object();
        node.put("message", message.singleText());
        node.set("passages", PassageJson.toJson(passages));
        return Optional.of(node);
    }
}
