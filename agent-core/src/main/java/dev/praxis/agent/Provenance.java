package dev.praxis.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.Untrusted;
import dev.praxis.state.RunState;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the untrusted content in one run's context comes from, for each step's tool calls:
 * the sources its request carried in (from a delegating run; kept in checkpoints), and those
 * marked in its remembered history, transcript and injected knowledge. Kept as the context
 * grows: each transcript message is read once, when the run first asks after it was appended,
 * the history's sources come from its session (found once per load), and the answer is the same
 * set instance until a part of the context adds a source. Confined to the run's thread, like its
 * {@link Run}.
 */
final class Provenance {

    /** The checkpoint extension holding the carried sources. */
    static final String EXTENSION = "untrusted";

    private final Set<String> carried;
    /** The sources found in the transcript's first {@code read} messages (the transcript only grows). */
    private Set<String> transcriptSources = Set.of();
    private int read;
    private ChatMessage knowledge;
    private Set<String> knowledgeSources = Set.of();
    // the last answer and the history sources it was made with
    private Set<String> history;
    private Set<String> all;

    Provenance(Set<String> carried) {
        this.carried = sorted(carried);
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

    /**
     * The sources of every untrusted content in the run's context, carried ones included:
     * {@code historySources} (the session's), those marked in {@code transcript} and in
     * {@code knowledge} (null: none injected). Sorted and unmodifiable; the same instance as the
     * previous answer when nothing added a source, so callers may keep what they made from it.
     */
    Set<String> sources(Set<String> historySources, List<ChatMessage> transcript, ChatMessage knowledge) {
        boolean changed = historySources != history || all == null;
        for (int size = transcript.size(); read < size; read++) {
            ChatMessage message = transcript.get(read);
            if (Untrusted.in(message)) {
                Set<String> grown = Untrusted.union(transcriptSources, Untrusted.sources(List.of(message)));
                changed |= grown != transcriptSources;
                transcriptSources = grown;
            }
        }
        if (knowledge != this.knowledge) {
            this.knowledge = knowledge;
            Set<String> found = knowledge == null ? Set.of() : Untrusted.sources(List.of(knowledge));
            changed |= !found.equals(knowledgeSources);
            knowledgeSources = found;
        }
        if (changed) {
            history = historySources;
            all = Untrusted.union(Untrusted.union(Untrusted.union(carried, historySources), transcriptSources),
                    knowledgeSources);
        }
        return all;
    }

    /** {@code sources} sorted and unmodifiable (any set a store or a caller made). */
    static Set<String> sorted(Set<String> sources) {
        return sources.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(sources));
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
