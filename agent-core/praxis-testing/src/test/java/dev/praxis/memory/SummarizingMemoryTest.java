package dev.praxis.memory;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.llm.LlmClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummarizingMemoryTest extends ConversationMemoryContract {

    private final List<ChatRequest> requests = new ArrayList<>();

    @Override
    protected ConversationMemory createMemory() {
        // a summary that says nothing of where its content came from: the memory marks it
        return SummarizingMemory.of(request -> ChatResponse.builder().aiMessage(AiMessage.from("They talked.")).build(),
                10);
    }

    private LlmClient summariser(String... answers) {
        var queue = new ArrayList<>(List.of(answers));
        return request -> {
            requests.add(request);
            String next = queue.remove(0);
            if (next.equals("FAIL")) {
                throw new IllegalStateException("model down");
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(next)).build();
        };
    }

    @Test
    void condensesEvictedTurnsIntoASystemSummary() {
        var memory = SummarizingMemory.of(summariser("Alice asked about Paris; 12 degrees."), 3);
        var scope = MemoryScope.session("s");
        memory.append(scope, List.of(UserMessage.from("weather in Paris?")));
        memory.append(scope, toolTurn("c1"));
        memory.append(scope, List.of(AiMessage.from("12 degrees")));

        List<ChatMessage> messages = memory.messages(scope);

        assertThat(messages.get(0)).isEqualTo(SystemMessage.from(SummarizingMemory.SUMMARY_PREFIX
                + "Alice asked about Paris; 12 degrees."));
        assertThat(messages.subList(1, messages.size())).containsExactly(toolTurn("c1").get(0), toolTurn("c1").get(1),
                AiMessage.from("12 degrees"));
        assertThat(requests).singleElement().extracting(r -> r.messages().get(1).toString()).asString()
                .contains("weather in Paris?").contains("Previous summary: (none)");
    }

    @Test
    void feedsThePreviousSummaryIntoTheNext() {
        var memory = SummarizingMemory.of(summariser("S1", "S2"), 1);
        var scope = MemoryScope.session("s");
        memory.append(scope, List.of(UserMessage.from("one")));
        memory.append(scope, List.of(UserMessage.from("two")));
        memory.append(scope, List.of(UserMessage.from("three")));

        assertThat(memory.messages(scope)).containsExactly(SystemMessage.from(SummarizingMemory.SUMMARY_PREFIX + "S2"),
                UserMessage.from("three"));
        assertThat(requests.get(1).messages().get(1).toString()).contains("Previous summary: S1").contains("two");
    }

    @Test
    void keepsTurnsVerbatimWhenTheModelFailsAndRetriesLater() {
        var memory = SummarizingMemory.of(summariser("FAIL", "both"), 1);
        var scope = MemoryScope.session("s");
        memory.append(scope, List.of(UserMessage.from("one")));
        memory.append(scope, List.of(UserMessage.from("two")));

        assertThat(memory.messages(scope)).containsExactly(UserMessage.from("one"), UserMessage.from("two"));

        memory.append(scope, List.of(UserMessage.from("three")));
        assertThat(memory.messages(scope)).containsExactly(SystemMessage.from(SummarizingMemory.SUMMARY_PREFIX + "both"),
                UserMessage.from("three"));
        assertThat(requests.get(1).messages().get(1).toString()).contains("one").contains("two");
    }
}
