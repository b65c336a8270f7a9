package dev.praxis.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The messages of one model call (system prompt, remembered history, retrieved knowledge, the run
 * so far) as one
 * immutable list over the parts, without copying them into a list of their own first. The
 * request builder copies it once, through {@link #toArray()}, which assembles the parts with
 * block copies: the cost per prior message stays a few bytes and nanoseconds however long the
 * history is. The arrays must not change while the list is in use.
 */
final class Prompt extends AbstractList<ChatMessage> implements RandomAccess {

    private final SystemMessage system;
    private final ChatMessage[] history;
    private final ChatMessage knowledge;
    private final ChatMessage[] run;
    private final int offset;
    private final int knowledgeAt;

    /** {@code system} and {@code knowledge} may be null (no system prompt, nothing retrieved). */
    Prompt(SystemMessage system, ChatMessage[] history, ChatMessage knowledge, ChatMessage[] run) {
        this.system = system;
        this.history = history;
        this.knowledge = knowledge;
        this.run = run;
        this.offset = system == null ? 0 : 1;
        this.knowledgeAt = knowledge == null ? -1 : offset + history.length;
    }

    @Override
    public ChatMessage get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size() + " messages");
        }
        if (index < offset) {
            return system;
        }
        if (index == knowledgeAt) {
            return knowledge;
        }
        int i = index - offset;
        if (i < history.length) {
            return history[i];
        }
        return run[i - history.length - (knowledge == null ? 0 : 1)];
    }

    @Override
    public int size() {
        return offset + history.length + (knowledge == null ? 0 : 1) + run.length;
    }

    @Override
    public Object[] toArray() {
        Object[] all = new Object[size()];
        if (system != null) {
            all[0] = system;
        }
        System.arraycopy(history, 0, all, offset, history.length);
        int at = offset + history.length;
        if (knowledge != null) {
            all[at++] = knowledge;
        }
        System.arraycopy(run, 0, all, at, run.length);
        return all;
    }
}
