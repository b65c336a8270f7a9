package dev.praxis.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.memory.Turn;
import dev.praxis.memory.Untrusted;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.Tool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run keeps its provenance as its context grows instead of reading the whole context each
 * step: every tool call still sees each source of untrusted content that is in the context
 * when it is made, from the transcript, the session's history and its memory, and no more.
 */
class ProvenanceBookkeepingTest {

    private final List<Set<String>> seen = new CopyOnWriteArrayList<>();

    /** Records the provenance each call is made with. */
    private final Tool note = TestTools.named("note").answers((arguments, context) -> {
        seen.add(context.delegation().untrusted());
        return "noted";
    });

    /** Relays a page it was given, marked as untrusted like containment marks it. */
    private final Tool relay = TestTools.named("relay")
            .answers(arguments -> Untrusted.header("tool 'fetch_page'") + "\nPrices rise.");

    private LlmAgent agent(ConversationMemory memory, ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).tools(note, relay).memory(memory).maxRepeatedCalls(0).build();
    }

    static List<ChatMessage> marked(String id) {
        ToolExecutionRequest call = ToolExecutionRequest.builder().id(id).name("relay").arguments("{}").build();
        return List.of(AiMessage.from(List.of(call)), ToolExecutionResultMessage.from(call,
                Untrusted.header("tool 'search'") + "\nfound it"));
    }

    @Test
    void aSourceAppendedToTheTranscriptReachesEveryLaterCall() {
        var llm = ScriptedLlm.of(toolCall("note", "{}"), toolCall("relay", "{}"), toolCall("note", "{}"),
                toolCall("note", "{}"), text("done"));

        AgentResult result = agent(MessageWindowMemory.of(50), llm).run(AgentRequest.of("go"));

        assertThat(seen).containsExactly(Set.of(), Set.of("tool 'fetch_page'"), Set.of("tool 'fetch_page'"));
        assertThat(result.untrusted()).containsExactly("tool 'fetch_page'");
    }

    @Test
    void theHistoryTaintsLaterRunsAfterItsWindowEvictsTheMarkedTurnUntilCleared() {
        var memory = MessageWindowMemory.of(4);
        var session = MemoryScope.session("s");
        memory.append(session, marked("m1"));
        var llm = ScriptedLlm.of(toolCall("note", "{}"), text("one"), toolCall("note", "{}"), text("two"),
                toolCall("note", "{}"), text("three"));

        AgentResult first = agent(memory, llm).run(AgentRequest.of("first").inSession(session));
        // the first run's four messages filled the window and evicted the marked turn; they were
        // written with it in the model's context, so the session stays tainted
        AgentResult second = agent(memory, llm).run(AgentRequest.of("second").inSession(session));
        memory.clear(session);
        AgentResult third = agent(memory, llm).run(AgentRequest.of("third").inSession(session));

        assertThat(seen).containsExactly(Set.of("tool 'search'"), Set.of("tool 'search'"), Set.of());
        assertThat(first.untrusted()).containsExactly("tool 'search'");
        assertThat(second.untrusted()).containsExactly("tool 'search'");
        assertThat(third.untrusted()).isEmpty();
    }

    @Test
    void aStoreWithoutBookkeepingIsReadAsBefore() {
        var session = MemoryScope.session("s");
        ConversationMemory plain = new ConversationMemory() {
            private final Map<MemoryScope, List<ChatMessage>> kept = new ConcurrentHashMap<>();

            @Override
            public List<ChatMessage> messages(MemoryScope scope) {
                return List.copyOf(kept.getOrDefault(scope, List.of()));
            }

            @Override
            public void append(MemoryScope scope, Turn turn) {
                kept.computeIfAbsent(scope, s -> new ArrayList<>()).addAll(turn.messages());
            }

            @Override
            public void clear(MemoryScope scope) {
                kept.remove(scope);
            }
        };
        plain.append(session, List.of(UserMessage.from(Untrusted.header("a request made from tool 'search'")
                + "\nwhat does it say?")));

        AgentResult result = agent(plain, ScriptedLlm.of(toolCall("note", "{}"), text("done")))
                .run(AgentRequest.of("go").inSession(session));

        assertThat(seen).containsExactly(Set.of("a request made from tool 'search'"));
        assertThat(result.untrusted()).containsExactly("a request made from tool 'search'");
    }

    @Test
    void theMemoryIsAskedAboutItsHistoryWhileThatIsStillItsCurrentSnapshot() {
        var window = MessageWindowMemory.of(50);
        var session = MemoryScope.session("s");
        window.append(session, marked("m1"));
        List<Boolean> askedAboutCurrent = new CopyOnWriteArrayList<>();
        // a window answers from its own bookkeeping only for its current snapshot; asked later,
        // after the run has written its first turn, it has to read the whole history again
        ConversationMemory watched = new ConversationMemory() {
            @Override
            public List<ChatMessage> messages(MemoryScope scope) {
                return window.messages(scope);
            }

            @Override
            public void append(MemoryScope scope, Turn turn) {
                window.append(scope, turn);
            }

            @Override
            public Set<String> untrustedSources(MemoryScope scope, List<ChatMessage> messages) {
                askedAboutCurrent.add(messages == window.messages(scope));
                return window.untrustedSources(scope, messages);
            }

            @Override
            public void clear(MemoryScope scope) {
                window.clear(scope);
            }
        };
        var llm = ScriptedLlm.of(toolCall("note", "{}"), toolCall("note", "{}"), text("done"));

        AgentResult result = agent(watched, llm).run(AgentRequest.of("go").inSession(session));

        assertThat(askedAboutCurrent).containsExactly(true);
        assertThat(seen).containsExactly(Set.of("tool 'search'"), Set.of("tool 'search'"));
        assertThat(result.untrusted()).containsExactly("tool 'search'");
    }
}
