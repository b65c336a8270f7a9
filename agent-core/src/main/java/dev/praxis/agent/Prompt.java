package dev.praxis.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The messages of one model call (system prompt, remembered history, the run so far) as one
 * immutable list over the parts, without copying them into a list of their own first. The
 * request builder copies it once, through {@link #toArray()}, which assembles the parts with
 * block copies: the cost per prior message stays a few bytes and nanoseconds however long the
 * history is. The arrays must not change while the list is in use.
 */
final class Prompt extends AbstractList<ChatMessage> implements RandomAccess {

    private final SystemMessage system;
    private final ChatMessage[] history;
    private final ChatMessage[] run;
    private final int offset;

    /** {@code system} may be null (no system prompt). */
    Prompt(SystemMessage system, ChatMessage[] history, ChatMessage[] run) {
        this.system = system;
        this.history = history;
        this.run = run;
        this.offset = system == null ? 0 : 1;
    }

    @Override
    public ChatMessage get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size() + " messages");
        }
        if (index < offset) {
            return system;
        }
        int i = index - offset;
        return i < history.length ? history[i] : run[i - history.length];
    }

    @Override
    public int size() {
        return offset + history.length + run.length;
    }

    @Override
    public Object[] toArray() {
        Object[] all = new Object[size()];
        if (system != null) {
            all[0] = system;
        }
        System.arraycopy(history, 0, all, offset, history.length);
        System.arraycopy(run, 0, all, offset + history.length, run.length);
        return all;
    }
}
