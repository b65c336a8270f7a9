package dev.praxis.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.Untrusted;
import dev.praxis.state.RunState;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the untrusted content in one run's context comes from, for each step's tool calls:
 * the sources its request carried in (from a delegating run; kept in checkpoints), and those
 * marked in its remembered history, transcript and injected knowledge. Confined to the run's
 * thread, like its {@link Run}.
 */
final class Provenance {

    /** The checkpoint extension holding the carried sources. */
    static final String EXTENSION = "untrusted";

    private final Set<String> carried;
    // the sources marked in the history, found once: history does not change during a run
    private Set<String> historySources;

    Provenance(Set<String> carried) {
        this.carried = Set.copyOf(carried);
    }

    /** The provenance a checkpointed run carried. */
    static Provenance of(RunState state) {
        Set<String> sources = new TreeSet<>();
        state.extensions().getOrDefault(EXTENSION, JsonNodeFactory.instance.arrayNode())
                .forEach(source -> sources.add(source.asText()));
        return new Provenance(sources);
    }

    /** The sources the run's request carried in (from a delegating run). */
    Set<String> carried() {
        return carried;
    }

    /** Forgets what was found in the history: the run has (re)loaded it. */
    void historyLoaded() {
        historySources = null;
    }

    /** The sources of every untrusted content in the run's context, carried ones included. */
    Set<String> sources(List<ChatMessage> history, List<ChatMessage> transcript, Optional<? extends ChatMessage> knowledge) {
        Set<String> sources = new TreeSet<>(carried);
        if (historySources == null) {
            historySources = Untrusted.sources(history);
        }
        sources.addAll(historySources);
        sources.addAll(Untrusted.sources(transcript));
        knowledge.ifPresent(message -> sources.addAll(Untrusted.sources(List.of(message))));
        return sources;
    }

    /** The carried sources as a checkpoint extension; empty when there are none. */
    Optional<JsonNode> extension() {
        if (carried.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode sources = JsonNodeFactory.instance.arrayNode();
        carried.forEach(sources::add);
        return Optional.of(sources);
    }
}
