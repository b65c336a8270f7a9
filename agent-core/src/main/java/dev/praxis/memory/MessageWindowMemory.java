package dev.praxis.memory;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/**
 * In-process conversation memory that keeps about the last {@code maxMessages} messages per
 * scope. Eviction removes whole turns, oldest first, so a tool call never loses its result;
 * the newest turn is always kept, even when it alone exceeds the window. Thread-safe.
 */
public final class MessageWindowMemory extends WindowMemory {

    private MessageWindowMemory(int maxMessages) {
        super(atLeastOne(maxMessages, "maxMessages"));
    }

    /** A memory keeping about the last {@code maxMessages} messages per scope. */
    public static MessageWindowMemory of(int maxMessages) {
        return new MessageWindowMemory(maxMessages);
    }

    @Override
    int weight(List<ChatMessage> turn) {
        return turn.size();
    }
}
