package dev.praxis.examples.offline;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.llm.LlmClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples' model when no language model is configured: a classic intent + slot + FAQ
 * dialogue system, not a language model, and labelled so on every answer ({@link #LABEL}).
 *
 * <ul>
 *   <li>Intent: the tool whose description is most similar to the message
 *       ({@link IntentRouter}, MiniLM embeddings in process).</li>
 *   <li>Slots: the tool's typed arguments read from the message and the earlier turns
 *       ({@link SlotFiller}); when a required one is missing it asks for it, and the next
 *       message can supply it.</li>
 *   <li>FAQ: a question that matches the example's knowledge better than any tool is
 *       answered from the knowledge, citing the source. Passages an agent's retrieval put in
 *       the prompt ({@code Retrieval.inject}) count as knowledge too: the answer is the best
 *       matching passage's text, cited by its id in square brackets ({@code [refunds#0]}),
 *       so the agent's citations list it; with no passage in the prompt there is no answer
 *       from it.</li>
 *   <li>Anything else: it says plainly that it did not understand, and what it can do.</li>
 * </ul>
 *
 * Thread-safe. Streams its answers word by word.
 */
public final class OfflineLlm implements LlmClient {

    /** The prefix of every answer. */
    public static final String LABEL = "[offline mode (no LLM)]";

    /** Knowledge at least this similar to the question is worth citing. */
    static final double FAQ_THRESHOLD = 0.45;

    private static final Pattern ASKED = Pattern.compile("^" + Pattern.quote(LABEL) + " to use ([\\w-]+) I still need");

    private final IntentRouter router = new IntentRouter();
    private final SlotFiller slots;
    private final Knowledge knowledge;

    private OfflineLlm(Builder b) {
        this.slots = new SlotFiller(b.vocabulary, b.clock);
        this.knowledge = b.knowledge;
    }

    /** An offline model with no knowledge and no vocabulary: tools and typed arguments only. */
    public static OfflineLlm basic() {
        return builder().build();
    }

    /** Starts configuring an offline model. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        if (last instanceof ToolExecutionResultMessage) {
            return answer(report(messages));
        }
        if (last instanceof UserMessage user && user.hasSingleText()) {
            return respond(user.singleText(), messages, request.toolSpecifications());
        }
        return answer("I can only answer a message typed by a user.");
    }

    @Override
    public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = chat(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        String text = response.aiMessage().text();
        if (text != null) {
            for (Matcher m = Pattern.compile("\\S+\\s*").matcher(text); m.find(); ) {
                handler.onPartialResponse(m.group());
            }
        }
        handler.onCompleteResponse(response);
    }

    private ChatResponse respond(String text, List<ChatMessage> messages, List<ToolSpecification> tools) {
        List<String> earlier = earlierUserTexts(messages);
        Optional<ToolSpecification> pending = pendingTool(messages, tools);
        if (pending.isPresent() && !earlier.isEmpty()) {
            // the answer completes the request it was asked for: read both as one message
            String combined = earlier.get(0) + " " + text;
            if (slots.fill(pending.get(), combined, earlier.subList(1, earlier.size())) instanceof Slots.Filled filled) {
                return call(pending.get(), filled.json());
            }
        }
        Optional<IntentRouter.Intent> intent = router.route(text, tools);
        Optional<Passage> passage = knowledge.search(text, 1).stream().findFirst()
                .filter(p -> p.score() >= FAQ_THRESHOLD);
        Optional<Passage> injected = InjectedPassages.best(text, messages).filter(p -> p.score() >= FAQ_THRESHOLD);
        if (injected.isPresent() && (passage.isEmpty() || injected.get().score() >= passage.get().score())) {
            if (intent.isEmpty() || injected.get().score() >= intent.get().score()) {
                return answer(injected.get().text() + " [" + injected.get().source() + "]");
            }
        }
        if (passage.isPresent() && (intent.isEmpty() || passage.get().score() >= intent.get().score())) {
            return answer(passage.get().text() + " (source: " + passage.get().source() + ")");
        }
        if (intent.isEmpty()) {
            return answer("I did not understand \"" + text + "\". " + abilities(tools));
        }
        ToolSpecification tool = intent.get().tool();
        Slots found = slots.fill(tool, text, earlier);
        if (found instanceof Slots.Filled filled) {
            return call(tool, filled.json());
        }
        return answer("to use " + tool.name() + " I still need "
                + String.join(", ", ((Slots.Missing) found).parameters()) + ". Please tell me.");
    }

    private static List<String> earlierUserTexts(List<ChatMessage> messages) {
        List<String> texts = new ArrayList<>();
        for (int i = messages.size() - 2; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && user.hasSingleText()
                    && !InjectedPassages.isInjection(user.singleText())) {
                texts.add(user.singleText());
            }
        }
        return texts;
    }

    /** The tool this model asked the user to complete in its previous answer, if any. */
    private static Optional<ToolSpecification> pendingTool(List<ChatMessage> messages, List<ToolSpecification> tools) {
        if (messages.size() < 2 || !(messages.get(messages.size() - 2) instanceof AiMessage ai) || ai.text() == null) {
            return Optional.empty();
        }
        Matcher m = ASKED.matcher(ai.text());
        return m.find() ? tools.stream().filter(t -> t.name().equals(m.group(1))).findFirst() : Optional.empty();
    }

    private static String report(List<ChatMessage> messages) {
        List<String> parts = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r; i--) {
            parts.add(0, r.text().startsWith("Error: ")
                    ? "the " + r.toolName() + " tool could not do that: " + r.text().substring(7)
                    : r.text().startsWith("Denied: ")
                    ? "the " + r.toolName() + " tool was not allowed: " + r.text().substring(8)
                    : "the " + r.toolName() + " tool says: " + r.text());
        }
        return String.join("; ", parts);
    }

    private static String abilities(List<ToolSpecification> tools) {
        if (tools.isEmpty()) {
            return "I have no tools here.";
        }
        return "I can: " + String.join("; ", tools.stream().map(t -> t.name() + " (" + t.description() + ")").toList());
    }

    private static ChatResponse call(ToolSpecification tool, String json) {
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("offline-" + UUID.randomUUID()).name(tool.name()).arguments(json).build();
        return ChatResponse.builder().aiMessage(AiMessage.from(List.of(call))).build();
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(LABEL + " " + text)).build();
    }

    /** Configures an {@link OfflineLlm}. */
    public static final class Builder {
        private Knowledge knowledge = Knowledge.NONE;
        private final Map<String, Set<String>> vocabulary = new HashMap<>();
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {
        }

        /** Where FAQ answers come from; default none. */
        public Builder knowledge(Knowledge knowledge) {
            this.knowledge = java.util.Objects.requireNonNull(knowledge, "knowledge");
            return this;
        }

        /** Known values for string parameters named {@code parameter} (cities, products, names). */
        public Builder vocabulary(String parameter, Set<String> values) {
            vocabulary.put(parameter, Set.copyOf(values));
            return this;
        }

        /** The clock that says what "today" and "tomorrow" are; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the model. */
        public OfflineLlm build() {
            return new OfflineLlm(this);
        }
    }
}
