package dev.praxis.memory;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageWindowMemoryTest extends ConversationMemoryContract {

    @Override
    protected ConversationMemory createMemory() {
        return MessageWindowMemory.of(10);
    }

    @Test
    void evictsOldestTurnsWholeSoToolCallsKeepTheirResults() {
        var small = MessageWindowMemory.of(3);
        var scope = MemoryScope.session("s");
        small.append(scope, List.of(UserMessage.from("q1")));
        small.append(scope, toolTurn("c1"));
        small.append(scope, List.of(AiMessage.from("a1")));
        small.append(scope, List.of(UserMessage.from("q2")));

        List<ChatMessage> kept = small.messages(scope);

        assertThat(kept).containsExactly(AiMessage.from("a1"), UserMessage.from("q2"));
        small.append(scope, toolTurn("c2"));
        assertThat(small.messages(scope)).hasSize(3).first().isEqualTo(UserMessage.from("q2"));
        assertThat(small.messages(scope).get(2)).isInstanceOf(ToolExecutionResultMessage.class);
    }

    @Test
    void keepsNewestTurnEvenWhenLargerThanWindow() {
        var tiny = MessageWindowMemory.of(1);
        var scope = MemoryScope.session("s");
        tiny.append(scope, toolTurn("c1"));

        assertThat(tiny.messages(scope)).hasSize(2);
    }

    @Test
    void rejectsNonPositiveWindow() {
        assertThatThrownBy(() -> MessageWindowMemory.of(0)).hasMessageContaining("at least 1");
    }

    @Test
    void scopeRejectsBlankFields() {
        assertThatThrownBy(() -> MemoryScope.of(" ", "s")).hasMessage("MemoryScope.user must not be blank");
    }
}
