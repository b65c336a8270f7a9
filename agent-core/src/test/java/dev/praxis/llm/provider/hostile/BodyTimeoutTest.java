package dev.praxis.llm.provider.hostile;

import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.provider.hostile.HostileServer.End;
import dev.praxis.llm.provider.hostile.HostileServer.Reply;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without any deadline, {@code PRAXIS_TIMEOUT_SECONDS} bounds every gap in a response body, not
 * only the wait for the headers (where the JDK client's own timeout stops).
 */
class BodyTimeoutTest {

    private static final ChatRequest ASK = ChatRequest.builder().messages(UserMessage.from("hi")).build();

    @Test
    void aBodyThatStallsAfterTheHeadersFailsRetriablyAfterTheReadTimeout() throws Exception {
        String body = Dialect.OPENAI.answerJson("The answer is 42.", Dialect.Finish.STOP);
        try (HostileServer server = new HostileServer(i -> Reply.partialJson(body, 20, End.STALL))) {
            LlmClient llm = LlmClients.from(oneSecond(Dialect.OPENAI.settings(server)));

            assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class, e -> {
                assertThat(e.isRetriable()).isTrue();
                assertThat(e.getMessage()).contains("no bytes from 127.0.0.1").contains("for 1000 ms");
            });
        }
    }

    @Test
    void aStreamThatStallsAfterOneChunkFailsRetriablyAfterTheReadTimeout() throws Exception {
        Dialect d = Dialect.OPENAI;
        try (HostileServer server = new HostileServer(
                i -> Reply.stream(d.streamType(), d.streamText(List.of("Hel"), null, false), End.STALL))) {
            LlmClient llm = LlmClients.from(oneSecond(d.settings(server)));
            var recorder = new java.util.concurrent.CompletableFuture<Throwable>();

            llm.stream(ASK, new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String text) {
                }

                @Override
                public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
                    recorder.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    recorder.complete(error);
                }
            });

            Throwable error = recorder.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(error).isInstanceOfSatisfying(LlmException.class, e -> {
                assertThat(e.isRetriable()).isTrue();
                assertThat(e.getMessage()).contains("for 1000 ms");
            });
        }
    }

    private static Map<String, String> oneSecond(Map<String, String> settings) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put("PRAXIS_TIMEOUT_SECONDS", "1");
        return copy;
    }
}
