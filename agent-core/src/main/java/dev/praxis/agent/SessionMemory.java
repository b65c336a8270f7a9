package dev.praxis.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.content.Parts;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Untrusted;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One run's side of its session's conversation memory: the history it started from and how
 * many of its own transcript messages memory already has. A new run loads the history when it
 * opens; a resumed one brings it from its checkpoint and settles what memory may have missed.
 * Confined to the run's thread, like its {@link Run}.
 */
final class SessionMemory {

    private final ConversationMemory memory;
    /** The session, or {@code null} for a run without one (nothing is read or written). */
    private final MemoryScope scope;
    private final boolean resumed;
    /** Marks for the run's input in memory: the untrusted sources its request carried in; "" for none. */
    private final String marks;
    // the memory's immutable snapshot, shared rather than copied: it can be long
    private List<ChatMessage> history;
    // where the untrusted content of the history came from; null until known for the loaded history
    private Set<String> historySources;
    /** How many transcript messages are in memory; the rest go there after the next checkpoint. */
    private int remembered;

    private SessionMemory(ConversationMemory memory, MemoryScope scope, boolean resumed, List<ChatMessage> history,
                          int remembered, Set<String> carried) {
        this.memory = memory;
        this.marks = carried.isEmpty() ? "" : marks(carried);
        this.scope = scope;
        this.resumed = resumed;
        this.history = history;
        this.remembered = remembered;
    }

    /**
     * A new run's session; its history is loaded by {@link #open}. When the request carried
     * untrusted sources in ({@code carried}), the input is marked with them in memory, so a later
     * run of the session is gated by them like this one.
     */
    static SessionMemory starting(ConversationMemory memory, MemoryScope scope, Set<String> carried) {
        return new SessionMemory(memory, scope, false, List.of(), 0, carried);
    }

    /** A resumed run's session, with the history and the count its checkpoint holds. */
    static SessionMemory resuming(ConversationMemory memory, MemoryScope scope, List<ChatMessage> history,
                                  int remembered, Set<String> carried) {
        return new SessionMemory(memory, scope, true, List.copyOf(history), remembered, carried);
    }

    private static String marks(Set<String> carried) {
        StringBuilder marked = new StringBuilder();
        carried.forEach(source -> marked.append(Untrusted.header("a request made from " + source)).append('\n'));
        return marked.toString();
    }

    /**
     * Reads what the run needs from memory: a new run its session's history, a resumed one
     * whether memory already has the last turns of {@code transcript}.
     */
    void open(List<ChatMessage> transcript) {
        if (resumed) {
            settle(transcript);
            if (scope != null) {
                // the checkpoint holds the history's messages, not what its session's memory dropped
                // before the run began and still counts (ConversationMemory.untrustedSources)
                historySources = Provenance.sorted(memory.untrustedSources(scope, history));
            }
        } else if (scope != null) {
            history = memory.messages(scope);
            // asked now, while the snapshot is the memory's current one: after this run's first
            // commit a window no longer recognises it and would have to read the whole history
            historySources = Provenance.sorted(memory.untrustedSources(scope, history));
        }
    }

    List<ChatMessage> history() {
        return history;
    }

    /**
     * Where the untrusted content of {@link #history()} came from, the sources its memory still
     * counts for turns it dropped included, found once per run: a memory that keeps them answers
     * when the history is loaded, without reading it again; the history of a checkpointed run
     * without a session is read on first use.
     */
    Set<String> historySources() {
        if (historySources == null) {
            historySources = Untrusted.sources(history);
        }
        return historySources;
    }

    int remembered() {
        return remembered;
    }

    /** Writes the messages of {@code transcript} memory does not have yet. */
    void commit(List<ChatMessage> transcript) {
        if (scope != null && remembered < transcript.size()) {
            memory.append(scope, forMemory(transcript, remembered));
        }
        remembered = transcript.size();
    }

    /**
     * After a crash between writing memory and the next checkpoint, memory already holds the
     * messages the checkpoint calls unwritten: they are then the newest messages of the
     * session, so they are written only if memory does not end with them.
     */
    private void settle(List<ChatMessage> transcript) {
        if (scope == null || remembered >= transcript.size()) {
            return;
        }
        List<ChatMessage> unsure = forMemory(transcript, remembered);
        List<ChatMessage> stored = memory.messages(scope);
        int overlap = Math.min(unsure.size(), stored.size());
        boolean written = overlap > 0 && stored.subList(stored.size() - overlap, stored.size())
                .equals(unsure.subList(unsure.size() - overlap, unsure.size()));
        if (written) {
            remembered = transcript.size();
        } else {
            commit(transcript);
        }
    }

    /** The messages of {@code transcript} from {@code from} on, as memory keeps them (the input marked, see {@link #starting}). */
    private List<ChatMessage> forMemory(List<ChatMessage> transcript, int from) {
        List<ChatMessage> kept = new ArrayList<>(transcript.size() - from);
        for (int i = from; i < transcript.size(); i++) {
            ChatMessage message = Parts.forMemory(transcript.get(i));
            kept.add(i == 0 && !marks.isEmpty() && message instanceof UserMessage input ? marked(input) : message);
        }
        return kept;
    }

    private UserMessage marked(UserMessage input) {
        if (input.hasSingleText()) {
            return UserMessage.from(marks + input.singleText());
        }
        List<Content> contents = new ArrayList<>(input.contents().size() + 1);
        contents.add(TextContent.from(marks.strip()));
        contents.addAll(input.contents());
        return UserMessage.from(contents);
    }
}
