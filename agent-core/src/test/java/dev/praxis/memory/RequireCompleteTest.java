package dev.praxis.memory;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A turn is whole when every call asked for has exactly its result in the same turn. */
class RequireCompleteTest {

    @Test
    void acceptsManyCallsAnsweredInAnyOrderAcrossSeveralModelMessages() {
        List<ChatMessage> turn = new ArrayList<>();
        turn.add(UserMessage.from("go"));
        turn.add(calls("a", "b", "c"));
        turn.add(result("c"));
        turn.add(result("a"));
        turn.add(result("b"));
        turn.add(calls("d"));
        turn.add(result("d"));

        assertThatCode(() -> ConversationMemory.requireComplete(turn)).doesNotThrowAnyException();
    }

    @Test
    void namesEveryCallLeftWithoutAResult() {
        List<ChatMessage> turn = List.of(calls("a", "b", "c"), result("b"));

        assertThatThrownBy(() -> ConversationMemory.requireComplete(turn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a, c]")
                .hasMessageNotContaining("b,");
    }

    @Test
    void rejectsASecondResultForTheSameCall() {
        List<ChatMessage> turn = List.of(calls("a"), result("a"), result("a"));

        assertThatThrownBy(() -> ConversationMemory.requireComplete(turn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool result 'a'");
    }

    @Test
    void rejectsAResultThatComesBeforeItsCall() {
        List<ChatMessage> turn = List.of(result("a"), calls("a"));

        assertThatThrownBy(() -> ConversationMemory.requireComplete(turn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no matching tool call");
    }

    @Test
    void acceptsLargeParallelSteps() {
        List<ChatMessage> turn = new ArrayList<>();
        String[] ids = new String[100];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "call-" + i;
        }
        turn.add(calls(ids));
        for (int i = ids.length - 1; i >= 0; i--) {
            turn.add(result(ids[i]));
        }

        assertThatCode(() -> ConversationMemory.requireComplete(turn)).doesNotThrowAnyException();
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
