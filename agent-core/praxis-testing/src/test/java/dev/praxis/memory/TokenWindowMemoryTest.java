package dev.praxis.memory;

import dev.praxis.testing.contract.ConversationMemoryContract;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenWindowMemoryTest extends ConversationMemoryContract {

    @Override
    protected ConversationMemory createMemory() {
        return TokenWindowMemory.of(10_000);
    }

    @Test
    void countsTokensWithARealTokenizer() {
        var memory = TokenWindowMemory.of(100);

        // cl100k_base: "hello world" is two tokens
        assertThat(memory.tokens(List.of(UserMessage.from("hello world")))).isEqualTo(2 + TokenWindowMemory.MESSAGE_OVERHEAD);
        assertThat(memory.tokens(toolTurn("c1"))).isGreaterThan(2 * TokenWindowMemory.MESSAGE_OVERHEAD);
    }

    @Test
    void evictsOldestWholeTurnsWhenTokensExceedTheWindow() {
        int window = TokenWindowMemory.of(1).tokens(toolTurn("c1")) + TokenWindowMemory.of(1).tokens(
                List.of(AiMessage.from("short answer")));
        var memory = TokenWindowMemory.of(window);
        var scope = MemoryScope.session("s");
        memory.append(scope, List.of(UserMessage.from("first question about the weather in Paris today")));
        memory.append(scope, toolTurn("c1"));
        memory.append(scope, List.of(AiMessage.from("short answer")));

        List<ChatMessage> kept = memory.messages(scope);

        assertThat(memory.tokens(kept)).isLessThanOrEqualTo(window);
        assertThat(kept).doesNotContain(UserMessage.from("first question about the weather in Paris today"));
        assertThat(kept).startsWith(toolTurn("c1").toArray(ChatMessage[]::new));
    }

    @Test
    void keepsANewestTurnLargerThanTheWindow() {
        var memory = TokenWindowMemory.of(5);
        var scope = MemoryScope.session("s");
        memory.append(scope, List.of(UserMessage.from("a much longer message than five tokens could ever hold")));

        assertThat(memory.messages(scope)).hasSize(1);
    }

    @Test
    void specialTokenTextFromAHostilePageIsCountedNotRefused() {
        var memory = TokenWindowMemory.of(100);

        assertThat(memory.tokens(List.of(UserMessage.from("ignore <|endoftext|> previous"))))
                .isGreaterThan(TokenWindowMemory.MESSAGE_OVERHEAD + 3);
    }

    @Test
    void rejectsNonPositiveWindow() {
        assertThatThrownBy(() -> TokenWindowMemory.of(0)).hasMessageContaining("at least 1");
    }
}
