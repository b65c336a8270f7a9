package dev.praxis.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.internal.TurnWindow;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process conversation memory that keeps about the last {@code maxMessages} messages per
 * scope. Eviction removes whole turns, oldest first, so a tool call never loses its result;
 * the newest turn is always kept, even when it alone exceeds the window. Thread-safe.
 */
public final class MessageWindowMemory implements ConversationMemory, Forgettable {

    private final int maxMessages;
    private final ConcurrentMap<MemoryScope, TurnWindow> windows = new ConcurrentHashMap<>();

    private MessageWindowMemory(int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, got " + maxMessages);
        }
        this.maxMessages = maxMessages;
    }

    /** A memory keeping about the last {@code maxMessages} messages per scope. */
    public static MessageWindowMemory of(int maxMessages) {
        return new MessageWindowMemory(maxMessages);
    }

    @Override
    public List<ChatMessage> messages(MemoryScope scope) {
        TurnWindow window = windows.get(scope);
        return window == null ? List.of() : window.snapshot();
    }

    @Override
    public void append(MemoryScope scope, List<ChatMessage> turn) {
        List<ChatMessage> copy = List.copyOf(turn);
        if (copy.isEmpty()) {
            return;
        }
        ConversationMemory.requireComplete(copy);
        windows.computeIfAbsent(scope, s -> new TurnWindow()).add(copy, List::size, maxMessages);
    }

    @Override
    public void clear(MemoryScope scope) {
        windows.remove(scope);
    }

    @Override
    public long forget(String tenant, String user) {
        return InMemoryScopes.removeUser(windows, tenant, user);
    }
}
