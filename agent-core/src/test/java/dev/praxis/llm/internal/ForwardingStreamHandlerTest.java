package dev.praxis.llm.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingStreamHandlerTest {

    @Test
    void forwardsEveryCallbackIncludingThinkingAndRawEvents() {
        List<String> seen = new ArrayList<>();
        StreamingChatResponseHandler sink = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                seen.add("text:" + text);
            }

            @Override
            public void onPartialThinking(PartialThinking thinking) {
                seen.add("thinking:" + thinking.text());
            }

            @Override
            public void onUnmappedRawEvent(Object rawEvent) {
                seen.add("raw:" + rawEvent);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                seen.add("complete:" + response.aiMessage().text());
            }

            @Override
            public void onError(Throwable error) {
                seen.add("error:" + error.getMessage());
            }
        };
        var forwarding = new ForwardingStreamHandler(sink);

        forwarding.onPartialThinking(new PartialThinking("hmm"));
        forwarding.onPartialResponse("Hi");
        forwarding.onUnmappedRawEvent("ping");
        forwarding.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from("Hi")).build());
        forwarding.onError(new IllegalStateException("boom"));

        assertThat(seen).containsExactly("thinking:hmm", "text:Hi", "raw:ping", "complete:Hi", "error:boom");
    }
}
