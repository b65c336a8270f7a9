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
 * and the citations of its answer. Immutable; a run without retrieval shares {@link #NONE}.
 */
final class InjectedKnowledge {

    /** The checkpoint extension holding the passages and their message. */
    static final String EXTENSION = "knowledge";

    /** No passages injected. */
    static final InjectedKnowledge NONE = new InjectedKnowledge(List.of(), null);

    private final List<Passage> passages;
    private final UserMessage message;

    private InjectedKnowledge(List<Passage> passages, UserMessage message) {
        this.passages = passages;
        this.message = message;
    }

    /** The knowledge a checkpointed run had injected; {@link #NONE} if it had none. */
    static InjectedKnowledge of(Map<String, JsonNode> extensions) {
        JsonNode known = extensions.get(EXTENSION);
        return known == null ? NONE
                : of(PassageJson.fromJson(known.path("passages")), known.path("message").asText());
    }

    /** {@code passages}, carried by {@code message} into every prompt of the run. */
    static InjectedKnowledge of(List<Passage> passages, String message) {
        return new InjectedKnowledge(List.copyOf(passages), UserMessage.from(message));
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
