package dev.praxis.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one run's model calls (system prompt, remembered history, retrieved knowledge,
 * the run so far), kept in one list that grows with the run instead of being assembled again for
 * each call. The list is an {@link ArrayList} on purpose: LangChain4j's {@code ChatRequest}
 * copies its messages, and copies a list of any other class twice. So a run copies its history
 * into the list once (by block copies) and the request builder copies the list once per call;
 * the cost per prior message stays a few bytes and nanoseconds. Confined to the run's thread,
 * like its {@link Run}.
 */
final class Prompt {

    private final SystemMessage system;
    private final List<ChatMessage> history;
    private final ArrayList<ChatMessage> messages;
    // what the list holds after the history: the knowledge message (or null) and how many transcript messages
    private boolean filled;
    private ChatMessage knowledge;
    private int transcribed;

    /** {@code system} may be null (no system prompt); {@code history} must not change while the run lasts. */
    Prompt(SystemMessage system, List<ChatMessage> history) {
        this.system = system;
        this.history = history;
        // room for a few steps of the run before the list has to grow
        this.messages = new ArrayList<>(history.size() + 16);
    }

    /**
     * The messages of the next model call: system, history, {@code knowledge} (null: none
     * injected), then {@code transcript}, which only grows during a run. The same list instance
     * every time, changed by the next call: hand it to a request builder, which copies it, and do
     * not keep it.
     */
    List<ChatMessage> messages(ChatMessage knowledge, List<ChatMessage> transcript) {
        if (!filled || knowledge != this.knowledge || transcript.size() < transcribed) {
            fill(knowledge);
        }
        for (int size = transcript.size(); transcribed < size; transcribed++) {
            messages.add(transcript.get(transcribed));
        }
        return messages;
    }

    private void fill(ChatMessage knowledge) {
        messages.clear();
        if (system != null) {
            messages.add(system);
        }
        // block copies (through the history's toArray): adding message by message is several times slower
        messages.addAll(history);
        if (knowledge != null) {
            messages.add(knowledge);
        }
        this.knowledge = knowledge;
        this.transcribed = 0;
        this.filled = true;
    }
}
