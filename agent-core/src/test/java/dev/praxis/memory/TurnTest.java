package dev.praxis.memory;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A turn is whole when every call asked for has exactly its result in the same turn. */
class TurnTest {

    @Test
    void acceptsManyCallsAnsweredInAnyOrderAcrossSeveralModelMessages() {
        Turn turn = Turn.of(UserMessage.from("go"), calls("a", "b", "c"), result("c"), result("a"), result("b"),
                calls("d"), result("d"));

        assertThat(turn.size()).isEqualTo(7);
    }

    @Test
    void refusesACallWithoutItsResultNamingTheMissingIds() {
        assertThatThrownBy(() -> Turn.of(calls("a", "b", "c"), result("b")))
                .isInstanceOfSatisfying(Turn.UnpairedException.class, e -> {
                    assertThat(e.unansweredCalls()).containsExactly("a", "c");
                    assertThat(e.unmatchedResult()).isNull();
                })
                .hasMessageContaining("[a, c]")
                .hasMessageNotContaining("b,");
    }

    @Test
    void refusesASecondResultForTheSameCall() {
        assertThatThrownBy(() -> Turn.of(calls("a"), result("a"), result("a")))
                .isInstanceOfSatisfying(Turn.UnpairedException.class,
                        e -> assertThat(e.unmatchedResult()).isEqualTo("a"))
                .hasMessageContaining("tool result 'a'");
    }

    @Test
    void refusesAResultThatComesBeforeItsCall() {
        assertThatThrownBy(() -> Turn.of(result("a"), calls("a")))
                .isInstanceOf(Turn.UnpairedException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no matching tool call");
    }

    @Test
    void isACopyTheCallerCannotChangeLater() {
        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("hi")));
        Turn turn = new Turn(messages);

        messages.add(calls("x"));

        assertThat(turn.messages()).containsExactly(UserMessage.from("hi"));
        assertThatThrownBy(() -> turn.messages().add(UserMessage.from("more")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsLargeParallelSteps() {
        List<ChatMessage> messages = new ArrayList<>();
        String[] ids = new String[100];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "call-" + i;
        }
        messages.add(calls(ids));
        for (int i = ids.length - 1; i >= 0; i--) {
            messages.add(result(ids[i]));
        }

        assertThat(new Turn(messages).size()).isEqualTo(101);
    }

    @Test
    void everyMemoryRefusesAnUnpairedTurnBeforeStoringAnything() {
        MemoryScope scope = MemoryScope.session("s");
        for (ConversationMemory memory : List.of(MessageWindowMemory.of(10),
                SummarizingMemory.of(request -> {
                    throw new AssertionError("no summary expected");
                }, 10))) {
            assertThatThrownBy(() -> memory.append(scope, List.of(UserMessage.from("pay"), calls("c7"))))
                    .isInstanceOfSatisfying(Turn.UnpairedException.class,
                            e -> assertThat(e.unansweredCalls()).containsExactly("c7"));
            assertThat(memory.messages(scope)).isEmpty();
        }
    }

    private static AiMessage calls(String... ids) {
        List<ToolExecutionRequest> requests = new ArrayList<>();
        for (String id : ids) {
            requests.add(request(id));
        }
        return AiMessage.from(requests);
    }

    private static ToolExecutionResultMessage result(String id) {
        return ToolExecutionResultMessage.from(request(id), "ok");
    }

    private static ToolExecutionRequest request(String id) {
        return ToolExecutionRequest.builder().id(id).name("tool").arguments("{}").build();
    }
}
