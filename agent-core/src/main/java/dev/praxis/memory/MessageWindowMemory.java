package dev.praxis.memory;

import dev.langchain4j.data.message.ChatMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process conversation memory that keeps about the last {@code maxMessages} messages per
 * scope. Eviction removes whole turns, oldest first, so a tool call never loses its result;
 * the newest turn is always kept, even when it alone exceeds the window. Thread-safe.
 */
public final class MessageWindowMemory implements ConversationMemory {

    private final int maxMessages;
    private final ConcurrentMap<MemoryScope, Window> windows = new ConcurrentHashMap<>();

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
        Window window = windows.get(scope);
        return window == null ? List.of() : window.snapshot();
    }

    @Override
    public void append(MemoryScope scope, List<ChatMessage> turn) {
        List<ChatMessage> copy = List.copyOf(turn);
        if (copy.isEmpty()) {
            return;
        }
        ConversationMemory.requireComplete(copy);
        windows.computeIfAbsent(scope, s -> new Window()).add(copy, maxMessages);
    }

    @Override
    public void clear(MemoryScope scope) {
        windows.remove(scope);
    }

    private static final class Window {
        private final Deque<List<ChatMessage>> turns = new ArrayDeque<>();
        private int size;
        private List<ChatMessage> cached = List.of();

        synchronized void add(List<ChatMessage> turn, int max) {
            turns.addLast(turn);
            size += turn.size();
            while (size > max && turns.size() > 1) {
                size -= turns.removeFirst().size();
            }
            cached = null;
        }

        synchronized List<ChatMessage> snapshot() {
            if (cached == null) {
                List<ChatMessage> all = new ArrayList<>(size);
                turns.forEach(all::addAll);
                cached = List.copyOf(all);
            }
            return cached;
        }
    }
}
