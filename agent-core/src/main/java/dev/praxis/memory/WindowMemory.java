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
 * differ only in what a turn weighs. A scope's untrusted sources outlast the turns that carried
 * them (see {@link ConversationMemory#untrustedSources}) until it is cleared or forgotten.
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

    /**
     * The sources marked in {@code messages} and in every turn of the scope's window, evicted ones
     * included; answered from the window's own bookkeeping when {@code messages} is its current
     * snapshot.
     */
    @Override
    public Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
        TurnWindow window = windows.get(scope);
        if (window == null) {
            return Untrusted.sources(messages);
        }
        Set<String> kept = window.untrusted(messages);
        return kept != null ? kept : Untrusted.union(Untrusted.sources(messages), window.untrusted());
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
