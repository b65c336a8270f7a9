package dev.praxis.memory;

import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.internal.TurnWindow;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-process turn windows behind {@link MessageWindowMemory} and {@link TokenWindowMemory}:
 * one window per scope, turns evicted whole once their weight passes the limit. The two
 * differ only in what a turn weighs.
 */
abstract sealed class WindowMemory implements ConversationMemory, Forgettable
        permits MessageWindowMemory, TokenWindowMemory {

    private final int limit;
    private final ConcurrentMap<MemoryScope, TurnWindow> windows = new ConcurrentHashMap<>();

    WindowMemory(int limit) {
        this.limit = limit;
    }

    static int atLeastOne(int limit, String name) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + limit);
        }
        return limit;
    }

    /** What {@code turn} counts against the limit. */
    abstract int weight(List<ChatMessage> turn);

    @Override
    public List<ChatMessage> messages(MemoryScope scope) {
        TurnWindow window = windows.get(scope);
        return window == null ? List.of() : window.snapshot();
    }

    @Override
    public void append(MemoryScope scope, Turn turn) {
        if (turn.isEmpty()) {
            return;
        }
        List<ChatMessage> copy = turn.messages();
        windows.computeIfAbsent(scope, s -> new TurnWindow()).add(copy, this::weight, limit);
    }

    /** Answered from the window's own bookkeeping when {@code messages} is its current snapshot. */
    @Override
    public Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
        TurnWindow window = windows.get(scope);
        Set<String> kept = window == null ? null : window.untrusted(messages);
        return kept != null ? kept : Untrusted.sources(messages);
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
