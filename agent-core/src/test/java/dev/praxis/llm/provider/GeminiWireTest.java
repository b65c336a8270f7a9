package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.praxis.llm.provider.Requests.ASK;
import static dev.praxis.llm.provider.WireServer.error;
import static dev.praxis.llm.provider.WireServer.json;
import static dev.praxis.llm.provider.WireServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Google's Gemini generateContent wire format, against a real HTTP server on loopback. */
class GeminiWireTest {

    private final WireServer server = Wire.start();
    private final LlmClient llm = LlmClients.from(Map.of(
            "PRAXIS_MODEL", "gemini:gemini-2.5-flash",
            "PRAXIS_BASE_URL", server.url("/v1beta"),
            "PRAXIS_API_KEY", "gem-test-secret"));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsGenerateContentFieldByFieldAndReadsFunctionCallsAndUsage() throws Exception {
        server.enqueue(json("""
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"add","args":{"a":2,"b":3}}}]},
                  "finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":33,"candidatesTokenCount":8,"totalTokenCount":41},
                 "modelVersion":"gemini-2.5-flash"}"""));

        ChatResponse response = llm.chat(ASK);

        WireServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo("gem-test-secret");
        JsonNode body = request.json();
        assertThat(body.path("systemInstruction").toString()).contains("Be brief.");
        assertThat(body.path("contents").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("contents").get(0).path("parts").get(0).path("text").asText()).isEqualTo("What is 2+3?");
        assertThat(body.path("tools").get(0).path("functionDeclarations").get(0).path("name").asText()).isEqualTo("add");

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("add");
            assertThat(call.arguments()).isEqualTo("{\"a\":2,\"b\":3}");
        });
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(33);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(8);
    }

    @Test
    void streamsServerSentEvents() throws Exception {
        server.enqueue(sse(List.of(
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Fi\"}]}}]}\n\n",
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ve\"}]},\"finishReason\":\"STOP\"}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":2,\"totalTokenCount\":12}}\n\n")));
        var recorder = new StreamRecorder();

        llm.stream(ASK, recorder);
        ChatResponse response = recorder.await();

        assertThat(server.takeRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(recorder.partials).containsExactly("Fi", "ve");
        assertThat(response.aiMessage().text()).isEqualTo("Five");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(12);
    }

    @Test
    void quotaExhaustionIsRetriableWithRetryAfter() {
        server.enqueue(error(429, "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"quota\"}}",
                Map.of("Retry-After", "12")));

        assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
            assertThat(e.getMessage()).contains("HTTP 429").doesNotContain("gem-test-secret");
        });
    }
}
