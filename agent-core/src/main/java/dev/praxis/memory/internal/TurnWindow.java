package dev.praxis.memory.internal;

import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.Untrusted;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The turns of one conversation under a weight limit (messages, tokens). Adding a turn evicts
 * whole turns, oldest first, until the total weight fits; the newest turn always stays.
 * Thread-safe.
 *
 * <p>The kept messages sit side by side in one array (turns are only counts), and a snapshot is
 * an immutable view of the kept range of that array, not a copy: the window only ever writes
 * past the end of a range it handed out, and while a view may be out it neither clears evicted
 * slots nor compacts the array in place (it moves to a new array instead, about once per
 * window's worth of appended messages). So a snapshot costs the same however long the
 * conversation; evicted messages stay reachable from the array at most until it is replaced.
 *
 * <p>It also keeps where the untrusted content of its turns came from ({@link Untrusted#sources}),
 * and keeps it after a marked turn is evicted: the turns still kept were written with that
 * content in the model's context, so they may still carry its influence (an answer quoting it,
 * a follow-up acting on it). The sources go only with the whole window (clear, forget). Each turn
 * is read once, when it is added; a turn without marks (the common case) costs nothing more.
 */
public final class TurnWindow {

    private ChatMessage[] messages = new ChatMessage[8];
    private int head;
    private int tail;
    // per kept turn, oldest first from firstTurn (a ring): how many messages, and its weight
    private int[] sizes = new int[4];
    private int[] weights = new int[4];
    // the sources marked in every turn added so far, evicted ones included; sorted
    private Set<String> untrusted = Set.of();
    private int firstTurn;
    private int turnCount;
    private long total;
    private List<ChatMessage> cached = List.of();
    // whether a view handed out may cover the array: then no slot below tail may be written
    private boolean shared;

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
        Set<String> marked = Untrusted.sources(turn);
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
        if (!untrusted.containsAll(marked)) {
            untrusted = Untrusted.union(untrusted, marked);
        }
        cached = null;
        if (evictFrom == head) {
            return List.of();
        }
        List<ChatMessage> evicted = Collections.unmodifiableList(Arrays.asList(Arrays.copyOfRange(messages, evictFrom, head)));
        if (!shared) {
            // evicted messages must not stay reachable from here; while a view covers them, they go with the array
            Arrays.fill(messages, evictFrom, head, null);
        }
        return evicted;
    }

    /** All kept messages, oldest first; an immutable snapshot (a view that later appends do not change). */
    public synchronized List<ChatMessage> snapshot() {
        if (cached == null) {
            cached = head == tail ? List.of() : new Range(messages, head, tail);
            shared |= head != tail;
        }
        return cached;
    }

    /**
     * Where the untrusted content of {@code snapshot} came from, when it is this window's current
     * {@linkplain #snapshot() snapshot}: {@link #untrusted()}; {@code null} for any other list (the
     * window changed since, or it is not the window's), which the caller must then read itself.
     */
    public synchronized Set<String> untrusted(List<ChatMessage> snapshot) {
        return snapshot == cached ? untrusted : null;
    }

    /** The sources marked in every turn added to this window, evicted ones included; sorted, unmodifiable. */
    public synchronized Set<String> untrusted() {
        return untrusted;
    }

    private void append(List<ChatMessage> turn) {
        int size = turn.size();
        if (tail + size > messages.length) {
            int live = tail - head;
            // compact to the front, growing only when the kept messages need it; never in place under a view
            ChatMessage[] target = live + size > messages.length / 2
                    ? new ChatMessage[Math.max(2 * (live + size), 8)]
                    : shared ? new ChatMessage[messages.length] : messages;
            System.arraycopy(messages, head, target, 0, live);
            if (target == messages) {
                Arrays.fill(messages, live, tail, null);
            }
            messages = target;
            head = 0;
            tail = live;
            shared = false;
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

    /**
     * An immutable view of {@code array[from, to)}: the window never writes that range again
     * while the array is shared (see {@link TurnWindow}), and the list has no mutators.
     */
    private static final class Range extends AbstractList<ChatMessage> implements RandomAccess {

        private final ChatMessage[] array;
        private final int from;
        private final int size;

        Range(ChatMessage[] array, int from, int to) {
            this.array = array;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public ChatMessage get(int index) {
            Objects.checkIndex(index, size);
            return array[from + index];
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Object[] toArray() {
            return Arrays.copyOfRange(array, from, from + size, Object[].class);
        }
    }
}
