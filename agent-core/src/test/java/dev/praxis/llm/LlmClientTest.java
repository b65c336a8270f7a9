package dev.praxis.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LlmClientTest {

    private static final ChatRequest HELLO = ChatRequest.builder().messages(UserMessage.from("hello")).build();

    /** A real LangChain4j ChatModel implementation (its chat(ChatRequest) runs the listener machinery). */
    static final class UpperCaseModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            String text = ((UserMessage) request.messages().get(0)).singleText().toUpperCase();
            return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
        }
    }

    static class Recorder implements StreamingChatResponseHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            events.add("partial:" + partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            events.add("complete:" + completeResponse.aiMessage().text());
        }

        @Override
        public void onError(Throwable error) {
            events.add("error:" + error.getMessage());
        }
    }

    @Test
    void adaptsAnyLangChain4jChatModel() {
        LlmClient client = LlmClient.of(new UpperCaseModel());

        assertThat(client.chat(HELLO).aiMessage().text()).isEqualTo("HELLO");
    }

    @Test
    void defaultStreamingDeliversWholeTextThenCompletion() {
        var recorder = new Recorder();

        LlmClient.of(new UpperCaseModel()).stream(HELLO, recorder);

        assertThat(recorder.events).containsExactly("partial:HELLO", "complete:HELLO");
    }

    @Test
    void defaultStreamingReportsErrorsToHandlerInsteadOfThrowing() {
        var recorder = new Recorder();
        LlmClient failing = request -> {
            throw new LlmException("HTTP 503", null, true);
        };

        failing.stream(HELLO, recorder);

        assertThat(recorder.events).containsExactly("error:HTTP 503");
    }

    @Test
    void decoratorsWrapInOrderAppliedWithLastOutermost() {
        List<String> trace = new ArrayList<>();
        LlmClient base = request -> {
            trace.add("model");
            return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
        };
        LlmDecorator inner = next -> request -> { trace.add("inner"); return next.chat(request); };
        LlmDecorator outer = next -> request -> { trace.add("outer"); return next.chat(request); };

        base.with(inner).with(outer).chat(HELLO);

        assertThat(trace).containsExactly("outer", "inner", "model");
    }
}
