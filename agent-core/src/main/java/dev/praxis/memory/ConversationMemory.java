package dev.praxis.memory;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;
import java.util.Set;

/**
 * The messages of one conversation per {@link MemoryScope}, as the model should see them.
 *
 * <p>A {@link Turn} is appended whole: an assistant message that asks for tool calls is stored
 * with the results of all those calls, or not at all, and implementations evict turns whole.
 * The pairing is checked when the {@code Turn} is made, so implementations do not check it
 * again. Implementations are thread-safe.
 */
public interface ConversationMemory {

    /** The messages of {@code scope}, oldest first; an immutable snapshot, empty if none. */
    List<ChatMessage> messages(MemoryScope scope);

    /** Appends {@code turn} atomically; an empty turn stores nothing. */
    void append(MemoryScope scope, Turn turn);

    /**
     * Appends {@code messages} as one turn: {@code append(scope, new Turn(messages))}.
     *
     * @throws Turn.UnpairedException if a tool call in {@code messages} has no result in them,
     *                                or a result no call ({@link Turn})
     */
    default void append(MemoryScope scope, List<ChatMessage> messages) {
        append(scope, new Turn(messages));
    }

    /**
     * Where the untrusted content that shaped {@code messages} came from: every source marked in
     * them ({@link Untrusted#sources(List) Untrusted.sources(messages)}) and, for a memory that
     * drops turns of {@code scope} from what {@link #messages} returns (a window evicting them, a
     * summary condensing them, a store trimming them), the sources marked in the turns it dropped,
     * until {@link #clear} or {@link Forgettable#forget} removes the conversation (a store with a
     * TTL may also let them expire with the turns that carried them). A dropped turn's taint stays
     * because the turns still kept were written with it in the model's context: an answer that
     * quoted it, a request that acted on it. Pass a snapshot that {@link #messages} returned for
     * {@code scope}: a memory that keeps the sources as turns are appended answers for its current
     * snapshot without reading the messages again (the in-process windows do). The default reads
     * {@code messages}, which is correct for a memory that never drops a turn it was given;
     * a memory that does must override it.
     *
     * @return sorted and unmodifiable; empty when no message carries an untrusted mark and none was dropped
     */
    default Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
        return Untrusted.sources(messages);
    }

    /** Removes everything stored for {@code scope}. */
    void clear(MemoryScope scope);
}
