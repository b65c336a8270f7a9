package dev.praxis.memory;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The messages of one conversation per {@link MemoryScope}, as the model should see them.
 *
 * <p>A turn is appended whole: an assistant message that asks for tool calls is stored with
 * the results of all those calls in the same {@link #append} call, or not at all, and
 * implementations evict turns whole. Implementations are thread-safe.
 */
public interface ConversationMemory {

    /** The messages of {@code scope}, oldest first; an immutable snapshot, empty if none. */
    List<ChatMessage> messages(MemoryScope scope);

    /**
     * Appends one turn atomically.
     *
     * @throws IllegalArgumentException if the turn asks for a tool call whose result is not
     *                                  in the same turn ({@link #requireComplete(List)})
     */
    void append(MemoryScope scope, List<ChatMessage> turn);

    /** Removes everything stored for {@code scope}. */
    void clear(MemoryScope scope);

    /**
     * Checks that every tool call requested in {@code turn} has its result in {@code turn},
     * and every result answers a call in it. Implementations call this from {@link #append}.
     */
    static void requireComplete(List<ChatMessage> turn) {
        Set<String> open = null; // most turns have no tool call: no set for them
        for (ChatMessage message : turn) {
            if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                open = open == null ? new HashSet<>() : open;
                for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                    open.add(request.id());
                }
            } else if (message instanceof ToolExecutionResultMessage result
                    && (open == null || !open.remove(result.id()))) {
                throw new IllegalArgumentException("tool result '" + result.id() + "' for tool '"
                        + result.toolName() + "' has no matching tool call in the same turn");
            }
        }
        if (open != null && !open.isEmpty()) {
            throw new IllegalArgumentException("tool call(s) " + open
                    + " have no result in the same turn; a call and its result are stored together");
        }
    }
}
