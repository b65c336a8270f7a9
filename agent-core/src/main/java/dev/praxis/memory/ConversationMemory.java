package dev.praxis.memory;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        // ids of the calls asked for so far; answered ones are set to null. Turns are small,
        // so a linear search beats hashing and allocates one array only for turns with calls
        String[] open = null;
        int asked = 0;
        for (int m = 0, size = turn.size(); m < size; m++) {
            ChatMessage message = turn.get(m);
            if (message instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                List<ToolExecutionRequest> requests = ai.toolExecutionRequests();
                if (open == null || open.length - asked < requests.size()) {
                    open = Arrays.copyOf(open == null ? new String[0] : open, asked + requests.size() + 4);
                }
                for (int r = 0; r < requests.size(); r++) {
                    open[asked++] = String.valueOf(requests.get(r).id());
                }
            } else if (message instanceof ToolExecutionResultMessage result && !answer(open, asked, result.id())) {
                throw new IllegalArgumentException("tool result '" + result.id() + "' for tool '"
                        + result.toolName() + "' has no matching tool call in the same turn");
            }
        }
        for (int i = 0; i < asked; i++) {
            if (open[i] != null) {
                throw new IllegalArgumentException("tool call(s) " + unanswered(open, asked)
                        + " have no result in the same turn; a call and its result are stored together");
            }
        }
    }

    private static boolean answer(String[] open, int asked, String id) {
        String wanted = String.valueOf(id);
        for (int i = 0; i < asked; i++) {
            if (wanted.equals(open[i])) {
                open[i] = null;
                return true;
            }
        }
        return false;
    }

    private static List<String> unanswered(String[] open, int asked) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < asked; i++) {
            if (open[i] != null) {
                ids.add(open[i]);
            }
        }
        return ids;
    }
}
