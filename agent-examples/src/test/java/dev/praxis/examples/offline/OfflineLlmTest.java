package dev.praxis.examples.offline;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.LlmAgent;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.SideEffects;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineLlmTest {

    static final String FAQ = """
            # Shop FAQ
            ## How long does shipping take?
            Parcels arrive in 2 to 4 working days within the EU.
            ## What is your refund policy?
            You can return any item within 30 days for a full refund.
            """;

    /** Tools of a tiny travel desk. */
    public static class Desk {
        @dev.langchain4j.agent.tool.Tool("Gets the weather forecast for a city on a date")
        @SideEffects(SideEffect.READ_ONLY)
        public String weather(String city, String date) {
            return city + " on " + date + ": sunny";
        }

        @dev.langchain4j.agent.tool.Tool("Sets a reminder at a date and time")
        @SideEffects(SideEffect.WRITE)
        public String remind(String text, String date, String time) {
            return "reminder set for " + date + " " + time;
        }
    }

    private final OfflineLlm llm = OfflineLlm.builder()
            .knowledge(StoredKnowledge.inMemory(FaqDocuments.parse("faq.md", FAQ)))
            .vocabulary("city", Set.of("Paris", "Oslo"))
            .clock(Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC))
            .build();
    private final LlmAgent agent = LlmAgent.builder().llm(llm).tools(new Desk()).build();

    @Test
    void routesByMeaningAndFillsTypedArguments() {
        var result = agent.run("Will it rain in Oslo tomorrow?");

        assertThat(result.steps().get(0).calls().get(0).arguments()).isEqualTo("{\"city\":\"Oslo\",\"date\":\"2026-11-29\"}");
        assertThat(result.output()).isEqualTo(OfflineLlm.LABEL + " the weather tool says: Oslo on 2026-11-29: sunny");
    }

    @Test
    void answersQuestionsFromTheKnowledgeCitingTheSource() {
        var result = agent.run("can I get my money back if I return something?");

        assertThat(result.output()).isEqualTo(OfflineLlm.LABEL
                + " You can return any item within 30 days for a full refund. (source: faq.md#what-is-your-refund-policy)");
        assertThat(result.steps()).hasSize(1);
    }

    @Test
    void asksForAMissingSlotAndTakesItFromTheNextMessage() {
        var session = MemoryScope.of("ann", "s1");

        var first = agent.run(AgentRequest.of("what's the weather forecast for Paris?").inSession(session));
        var second = agent.run(AgentRequest.of("on friday").inSession(session));

        assertThat(first.output()).isEqualTo(OfflineLlm.LABEL + " to use weather I still need date. Please tell me.");
        assertThat(second.output()).endsWith("the weather tool says: Paris on 2026-12-04: sunny");
    }

    @Test
    void saysPlainlyWhenItDoesNotUnderstand() {
        var result = agent.run("Tell me a poem about the sea");

        assertThat(result.output()).startsWith(OfflineLlm.LABEL + " I did not understand \"Tell me a poem about the sea\". I can: ")
                .contains("weather (Gets the weather forecast");
    }

    @Test
    void streamsTheAnswerWordByWord() {
        List<String> parts = new ArrayList<>();
        List<ChatResponse> complete = new ArrayList<>();
        var request = ChatRequest.builder().messages(UserMessage.from("how long does shipping take")).build();

        llm.stream(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                complete.add(response);
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError(error);
            }
        });

        assertThat(parts).hasSizeGreaterThan(5);
        assertThat(String.join("", parts)).isEqualTo(complete.get(0).aiMessage().text()).contains("2 to 4 working days");
    }

    @Test
    void answersOnlyUserMessages() {
        var response = llm.chat(ChatRequest.builder().messages(AiMessage.from("hi")).build());

        assertThat(response.aiMessage().text()).isEqualTo(OfflineLlm.LABEL + " I can only answer a message typed by a user.");
    }
}
