package dev.praxis.memory;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.internal.TurnWindow;
import dev.praxis.content.Parts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process conversation memory that keeps the newest turns (about {@code maxMessages}
 * messages) verbatim and condenses older turns with an {@link LlmClient} into a running summary,
 * returned first as a {@link SystemMessage}. Turns are summarised whole, so a tool call and its
 * result leave together.
 *
 * <p>The model is called inside {@link #append} (one conversation at a time; other scopes are
 * not blocked). If it fails, the evicted turns stay verbatim and are summarised on a later
 * append: nothing is lost. The untrusted sources of condensed turns stay with the conversation
 * (the summary is marked with {@link Untrusted#SUMMARY_NOTE}, and {@link #untrustedSources}
 * still names them) until it is cleared or forgotten. Thread-safe.
 */
public final class SummarizingMemory implements ConversationMemory, Forgettable {

    /** The prefix of the system message that carries the summary. */
    public static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";

    private static final Logger LOG = LoggerFactory.getLogger(SummarizingMemory.class);
    private static final String INSTRUCTION = "You condense conversations. Merge the previous summary and the "
            + "new messages into one short factual summary in the third person. Keep names, numbers, decisions, "
            + "open questions and tool results that may matter later. Reply with the summary only.";

    private final LlmClient llm;
    private final int maxMessages;
    private final ConcurrentMap<MemoryScope, Conversation> conversations = new ConcurrentHashMap<>();

    private SummarizingMemory(LlmClient llm, int maxMessages) {
        this.llm = Objects.requireNonNull(llm, "llm");
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1, got " + maxMessages);
        }
        this.maxMessages = maxMessages;
    }

    /** Keeps about {@code maxMessages} recent messages verbatim; {@code llm} summarises the rest. */
    public static SummarizingMemory of(LlmClient llm, int maxMessages) {
        return new SummarizingMemory(llm, maxMessages);
    }

    @Override
    public List<ChatMessage> messages(MemoryScope scope) {
        Conversation c = conversations.get(scope);
        return c == null ? List.of() : c.snapshot();
    }

    @Override
    public void append(MemoryScope scope, Turn turn) {
        if (turn.isEmpty()) {
            return;
        }
        List<ChatMessage> copy = turn.messages();
        conversations.computeIfAbsent(scope, s -> new Conversation()).add(copy);
    }

    /**
     * The sources marked in {@code messages} and in every turn of the conversation, condensed ones
     * included; answered without reading the messages when {@code messages} is the current snapshot.
     */
    @Override
    public Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
        Conversation c = conversations.get(scope);
        return c == null ? Untrusted.sources(messages) : c.untrusted(messages);
    }

    @Override
    public void clear(MemoryScope scope) {
        conversations.remove(scope);
    }

    @Override
    public long forget(String tenant, String user) {
        return InMemoryScopes.removeUser(conversations, tenant, user);
    }

    private final class Conversation {
        private final TurnWindow window = new TurnWindow();
        private final List<ChatMessage> pending = new ArrayList<>();
        private String summary = "";
        // provenance: once untrusted content is condensed into the summary, the summary says so
        private boolean untrusted;
        // the snapshot until the next change, and where its untrusted content came from
        private List<ChatMessage> cached;
        private Set<String> sources;

        synchronized void add(List<ChatMessage> turn) {
            cached = null;
            pending.addAll(window.add(turn, List::size, maxMessages));
            if (pending.isEmpty()) {
                return;
            }
            try {
                boolean condensesUntrusted = untrusted || Untrusted.in(pending);
                summary = summarise(summary, pending);
                untrusted = condensesUntrusted;
                pending.clear();
            } catch (RuntimeException e) {
                LOG.warn("summarising {} older messages failed; keeping them verbatim and retrying later: {}",
                        pending.size(), e.toString());
            }
        }

        synchronized List<ChatMessage> snapshot() {
            if (cached == null) {
                List<ChatMessage> kept = window.snapshot();
                List<ChatMessage> all = new ArrayList<>(1 + pending.size() + kept.size());
                Set<String> summarySources = Set.of();
                if (!summary.isEmpty()) {
                    SystemMessage note = SystemMessage.from(SUMMARY_PREFIX + (untrusted ? Untrusted.SUMMARY_NOTE : "")
                            + summary);
                    all.add(note);
                    summarySources = Untrusted.sources(List.of(note));
                }
                all.addAll(pending);
                all.addAll(kept);
                // every turn ever added went through the window, so its sources cover pending and condensed turns
                sources = Untrusted.union(window.untrusted(), summarySources);
                cached = List.copyOf(all);
            }
            return cached;
        }

        synchronized Set<String> untrusted(List<ChatMessage> messages) {
            List<ChatMessage> current = snapshot();
            return messages == current ? sources : Untrusted.union(Untrusted.sources(messages), sources);
        }
    }

    private String summarise(String previous, List<ChatMessage> messages) {
        StringBuilder prompt = new StringBuilder("Previous summary: ")
                .append(previous.isEmpty() ? "(none)" : previous).append("\n\nNew messages:\n");
        messages.forEach(m -> prompt.append(line(m)).append('\n'));
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(INSTRUCTION), UserMessage.from(prompt.toString()))
                .build();
        ChatResponse response = llm.chat(request);
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new MemoryException("the summarising model returned no text");
        }
        return text.strip();
    }

    private static String line(ChatMessage m) {
        if (m instanceof UserMessage u) {
            return "user: " + Parts.text(u.contents());
        }
        if (m instanceof AiMessage ai) {
            String calls = ai.hasToolExecutionRequests()
                    ? " [calls " + ai.toolExecutionRequests().stream().map(r -> r.name() + r.arguments()).toList() + "]"
                    : "";
            return "assistant: " + Objects.requireNonNullElse(ai.text(), "") + calls;
        }
        if (m instanceof ToolExecutionResultMessage r) {
            return "tool " + r.toolName() + " returned: " + Parts.text(r.contents());
        }
        if (m instanceof SystemMessage s) {
            return "system: " + s.text();
        }
        return m.type() + ": " + m;
    }
}
