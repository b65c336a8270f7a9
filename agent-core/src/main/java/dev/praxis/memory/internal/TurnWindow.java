package dev.praxis.memory.internal;

import dev.langchain4j.data.message.ChatMessage;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The turns of one conversation under a weight limit (messages, tokens). Adding a turn evicts
 * whole turns, oldest first, until the total weight fits; the newest turn always stays.
 * Thread-safe.
 *
 * <p>The kept messages sit side by side in one array (turns are only counts), so a snapshot is
 * a single block copy however long the conversation: no walk over the turns, no per-turn lists.
 */
public final class TurnWindow {

    private ChatMessage[] messages = new ChatMessage[8];
    private int head;
    private int tail;
    // per kept turn, oldest first from firstTurn (a ring): how many messages, and its weight
    private int[] sizes = new int[4];
    private int[] weights = new int[4];
    private int firstTurn;
    private int turnCount;
    private long total;
    private List<ChatMessage> cached = List.of();

    /**
     * Appends {@code turn} and returns the messages evicted to make room, oldest first (empty
     * when nothing had to go).
     *
     * @param weigher the weight of one turn
     * @param max     the most total weight kept (unless the newest turn alone exceeds it)
     */
    public synchronized List<ChatMessage> add(List<ChatMessage> turn, ToIntFunction<List<ChatMessage>> weigher,
                                              long max) {
        int weight = weigher.applyAsInt(turn);
        append(turn);
        pushTurn(turn.size(), weight);
        total += weight;
        int evictFrom = head;
        while (total > max && turnCount > 1) {
            head += sizes[firstTurn];
            total -= weights[firstTurn];
            firstTurn = (firstTurn + 1) % sizes.length;
            turnCount--;
        }
        cached = null;
        if (evictFrom == head) {
            return List.of();
        }
        List<ChatMessage> evicted = view(Arrays.copyOfRange(messages, evictFrom, head));
        Arrays.fill(messages, evictFrom, head, null); // evicted messages must not stay reachable from here
        return evicted;
    }

    /** All kept messages, oldest first; an immutable snapshot. */
    public synchronized List<ChatMessage> snapshot() {
        if (cached == null) {
            cached = view(Arrays.copyOfRange(messages, head, tail));
        }
        return cached;
    }

    private void append(List<ChatMessage> turn) {
        int size = turn.size();
        if (tail + size > messages.length) {
            int live = tail - head;
            // compact to the front, growing only when the kept messages need it
            ChatMessage[] target = live + size > messages.length / 2
                    ? new ChatMessage[Math.max(2 * (live + size), 8)] : messages;
            System.arraycopy(messages, head, target, 0, live);
            if (target == messages) {
                Arrays.fill(messages, live, tail, null);
            }
            messages = target;
            head = 0;
            tail = live;
        }
        for (int i = 0; i < size; i++) {
            messages[tail++] = turn.get(i);
        }
    }

    private void pushTurn(int size, int weight) {
        if (turnCount == sizes.length) {
            int[] newSizes = new int[2 * sizes.length];
            int[] newWeights = new int[2 * sizes.length];
            for (int i = 0; i < turnCount; i++) {
                newSizes[i] = sizes[(firstTurn + i) % sizes.length];
                newWeights[i] = weights[(firstTurn + i) % sizes.length];
            }
            sizes = newSizes;
            weights = newWeights;
            firstTurn = 0;
        }
        int slot = (firstTurn + turnCount) % sizes.length;
        sizes[slot] = size;
        weights[slot] = weight;
        turnCount++;
    }

    // nothing else holds the array, so an unmodifiable view of it is an immutable list
    private static List<ChatMessage> view(ChatMessage[] array) {
        return Collections.unmodifiableList(Arrays.asList(array));
    }
}
