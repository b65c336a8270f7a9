package dev.praxis.memory;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: the messages a {@link ConversationMemory} stores together, or not
 * at all. A turn is whole: every tool call an assistant message in it asks for has its result
 * in it, after the call, and every tool result answers exactly one call in it. The check runs
 * once, here, so a memory that receives a {@code Turn} never checks again.
 *
 * <pre>{@code
 * memory.append(session, Turn.of(UserMessage.from("2+3?"), AiMessage.from(add),
 *         ToolExecutionResultMessage.from(add, "5"), AiMessage.from("5")));
 * }</pre>
 *
 * @param messages the messages, oldest first; copied, none null; may be empty
 */
public record Turn(List<ChatMessage> messages) {

    /**
     * Copies {@code messages} and checks the pairing.
     *
     * @throws NullPointerException if {@code messages} or one of them is null
     * @throws UnpairedException if a call has no result in the turn, or a result has no call before it
     */
    public Turn {
        messages = List.copyOf(messages);
        requirePaired(messages);
    }

    /** A turn of {@code messages}; see {@link #Turn(List)}. */
    public static Turn of(ChatMessage... messages) {
        return new Turn(Arrays.asList(Objects.requireNonNull(messages, "messages")));
    }

    /** Whether the turn has no messages (a memory stores nothing for it). */
    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** The number of messages. */
    public int size() {
        return messages.size();
    }

    /**
     * A turn whose tool calls and results do not pair up. An {@link IllegalArgumentException},
     * as it was before the type existed; {@link #unansweredCalls()} and
     * {@link #unmatchedResult()} name what is wrong.
     */
    public static final class UnpairedException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final transient List<String> unansweredCalls;
        private final String unmatchedResult;

        private UnpairedException(String message, List<String> unansweredCalls, String unmatchedResult) {
            super(message);
            this.unansweredCalls = List.copyOf(unansweredCalls);
            this.unmatchedResult = unmatchedResult;
        }

        /** The ids of the tool calls without a result in the turn, in call order; empty if none. */
        public List<String> unansweredCalls() {
            return unansweredCalls;
        }

        /** The id of a tool result that answers no call before it in the turn; {@code null} if none. */
        public String unmatchedResult() {
            return unmatchedResult;
        }
    }

    private static void requirePaired(List<ChatMessage> turn) {
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
                throw new UnpairedException("tool result '" + result.id() + "' for tool '" + result.toolName()
                        + "' has no matching tool call in the same turn", List.of(), String.valueOf(result.id()));
            }
        }
        List<String> unanswered = unanswered(open, asked);
        if (!unanswered.isEmpty()) {
            throw new UnpairedException("tool call(s) " + unanswered
                    + " have no result in the same turn; a call and its result are stored together", unanswered, null);
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
