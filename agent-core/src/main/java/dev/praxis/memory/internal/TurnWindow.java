package dev.praxis.memory.internal;

import dev.langchain4j.data.message.ChatMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The turns of one conversation under a weight limit (messages, tokens). Adding a turn evicts
 * whole turns, oldest first, until the total weight fits; the newest turn always stays.
 * Thread-safe.
 */
public final class TurnWindow {

    private final Deque<List<ChatMessage>> turns = new ArrayDeque<>();
    private final Deque<Integer> weights = new ArrayDeque<>();
    private long total;
    private List<ChatMessage> cached = List.of();

    /**
     * Appends {@code turn} and returns the turns evicted to make room, oldest first.
     *
     * @param weigher the weight of one turn
     * @param max     the most total weight kept (unless the newest turn alone exceeds it)
     */
    public synchronized List<List<ChatMessage>> add(List<ChatMessage> turn, ToIntFunction<List<ChatMessage>> weigher,
                                                    long max) {
        int weight = weigher.applyAsInt(turn);
        turns.addLast(turn);
        weights.addLast(weight);
        total += weight;
        List<List<ChatMessage>> evicted = new ArrayList<>();
        while (total > max && turns.size() > 1) {
            evicted.add(turns.removeFirst());
            total -= weights.removeFirst();
        }
        cached = null;
        return evicted;
    }

    /** All kept messages, oldest first; an immutable snapshot. */
    public synchronized List<ChatMessage> snapshot() {
        if (cached == null) {
            int count = 0;
            for (List<ChatMessage> turn : turns) {
                count += turn.size();
            }
            // presized and filled by index: addAll would copy each turn into a temporary array
            List<ChatMessage> all = new ArrayList<>(count);
            for (List<ChatMessage> turn : turns) {
                for (int i = 0; i < turn.size(); i++) {
                    all.add(turn.get(i));
                }
            }
            // one copy, not two: nothing else holds the list, so the wrapper is immutable
            cached = Collections.unmodifiableList(all);
        }
        return cached;
    }
}
