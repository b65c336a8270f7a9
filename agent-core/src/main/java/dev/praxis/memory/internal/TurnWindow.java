package dev.praxis.memory.internal;

import dev.langchain4j.data.message.ChatMessage;
import dev.praxis.memory.Untrusted;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * The turns of one conversation under a weight limit (messages, tokens). Adding a turn evicts
 * whole turns, oldest first, until the total weight fits; the newest turn always stays.
 * Thread-safe.
 *
 * <p>The kept messages sit side by side in one array (turns are only counts), so a snapshot is
 * a single block copy however long the conversation: no walk over the turns, no per-turn lists.
 *
 * <p>It also keeps where the untrusted content of the kept messages came from
 * ({@link Untrusted#sources}): each turn is read once, when it is added; a turn without marks
 * (the common case) costs nothing more, and evicting a marked turn recomputes the set from the
 * turns still kept, so a run need not read the whole history to know its provenance.
 */
public final class TurnWindow {

    private ChatMessage[] messages = new ChatMessage[8];
    private int head;
    private int tail;
    // per kept turn, oldest first from firstTurn (a ring): how many messages, and its weight
    private int[] sizes = new int[4];
    private int[] weights = new int[4];
    // per kept turn, the untrusted sources marked in it; null for none
    @SuppressWarnings("unchecked")
    private Set<String>[] marks = new Set[4];
    // the union of marks over the kept turns, sorted
    private Set<String> untrusted = Set.of();
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
        Set<String> marked = Untrusted.sources(turn);
        append(turn);
        pushTurn(turn.size(), weight, marked.isEmpty() ? null : marked);
        total += weight;
        int evictFrom = head;
        boolean markedEvicted = false;
        while (total > max && turnCount > 1) {
            head += sizes[firstTurn];
            total -= weights[firstTurn];
            markedEvicted |= marks[firstTurn] != null;
            marks[firstTurn] = null;
            firstTurn = (firstTurn + 1) % sizes.length;
            turnCount--;
        }
        if (markedEvicted) {
            untrusted = keptMarks();
        } else if (!marked.isEmpty() && !untrusted.containsAll(marked)) {
            untrusted = union(untrusted, marked);
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

    /**
     * Where the untrusted content of {@code snapshot} came from, when it is this window's current
     * {@linkplain #snapshot() snapshot}; {@code null} for any other list (the window changed since,
     * or it is not the window's), which the caller must then read itself.
     */
    public synchronized Set<String> untrusted(List<ChatMessage> snapshot) {
        return snapshot == cached ? untrusted : null;
    }

    private Set<String> keptMarks() {
        Set<String> all = Set.of();
        for (int i = 0; i < turnCount; i++) {
            Set<String> turn = marks[(firstTurn + i) % marks.length];
            if (turn != null && !all.containsAll(turn)) {
                all = union(all, turn);
            }
        }
        return all;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Collections.unmodifiableSet(all);
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

    @SuppressWarnings("unchecked")
    private void pushTurn(int size, int weight, Set<String> marked) {
        if (turnCount == sizes.length) {
            int[] newSizes = new int[2 * sizes.length];
            int[] newWeights = new int[2 * sizes.length];
            Set<String>[] newMarks = new Set[2 * sizes.length];
            for (int i = 0; i < turnCount; i++) {
                newSizes[i] = sizes[(firstTurn + i) % sizes.length];
                newWeights[i] = weights[(firstTurn + i) % sizes.length];
                newMarks[i] = marks[(firstTurn + i) % sizes.length];
            }
            sizes = newSizes;
            weights = newWeights;
            marks = newMarks;
            firstTurn = 0;
        }
        int slot = (firstTurn + turnCount) % sizes.length;
        sizes[slot] = size;
        weights[slot] = weight;
        marks[slot] = marked;
        turnCount++;
    }

    // nothing else holds the array, so an unmodifiable view of it is an immutable list
    private static List<ChatMessage> view(ChatMessage[] array) {
        return Collections.unmodifiableList(Arrays.asList(array));
    }
}
