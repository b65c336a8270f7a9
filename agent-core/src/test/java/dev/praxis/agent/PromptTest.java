package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One list per run for its model calls: each request sees exactly system, history, knowledge, transcript. */
class PromptTest {

    private final SystemMessage system = SystemMessage.from("be brief");
    private final List<ChatMessage> history = List.of(UserMessage.from("earlier"), AiMessage.from("noted"));

    @Test
    void eachRequestHoldsTheRunSoFarAndKeepsItAfterTheListMovesOn() {
        Prompt prompt = new Prompt(system, history);
        List<ChatMessage> transcript = new ArrayList<>(List.of(UserMessage.from("2+3?")));

        ChatRequest first = ChatRequest.builder().messages(prompt.messages(null, transcript)).build();
        transcript.add(AiMessage.from("5"));
        ChatRequest second = ChatRequest.builder().messages(prompt.messages(null, transcript)).build();

        assertThat(first.messages()).containsExactly(system, history.get(0), history.get(1), transcript.get(0));
        assertThat(second.messages()).containsExactly(system, history.get(0), history.get(1), transcript.get(0),
                transcript.get(1));
    }

    @Test
    void knowledgeSitsBetweenHistoryAndRunAndMayChange() {
        Prompt prompt = new Prompt(null, history);
        List<ChatMessage> transcript = List.of(UserMessage.from("prices?"));
        UserMessage passages = UserMessage.from("passage one");
        UserMessage others = UserMessage.from("passage two");

        assertThat(prompt.messages(passages, transcript)).containsExactly(history.get(0), history.get(1), passages,
                transcript.get(0));
        assertThat(prompt.messages(others, transcript)).containsExactly(history.get(0), history.get(1), others,
                transcript.get(0));
        assertThat(prompt.messages(null, transcript)).containsExactly(history.get(0), history.get(1), transcript.get(0));
    }
}
