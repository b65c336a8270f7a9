package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.praxis.llm.provider.Requests.ASK;
import static dev.praxis.llm.provider.WireServer.error;
import static dev.praxis.llm.provider.WireServer.json;
import static dev.praxis.llm.provider.WireServer.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ollama's native /api/chat wire format (JSON, NDJSON streaming), against a real HTTP server. */
class OllamaWireTest {

    private final WireServer server = Wire.start();
    private final LlmClient llm = LlmClients.from(Map.of(
            "PRAXIS_MODEL", "ollama:llama3.2",
            "PRAXIS_BASE_URL", server.url("")));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheChatRequestFieldByFieldAndReadsToolCallsAndCounts() throws Exception {
        server.enqueue(json("""
                {"model":"llama3.2","created_at":"2026-01-01T00:00:00Z",
                 "message":{"role":"assistant","content":"",
                   "tool_calls":[{"function":{"name":"add","arguments":{"a":2,"b":3}}}]},
                 "done":true,"done_reason":"stop","prompt_eval_count":26,"eval_count":14}"""));

        ChatResponse response = llm.chat(ASK);

        WireServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("llama3.2");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("What is 2+3?");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("add");

        assertThat(response.aiMessage().toolExecutionRequests()).singleElement()
                .satisfies(call -> assertThat(call.arguments()).isEqualTo("{\"a\":2,\"b\":3}"));
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(26);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(14);
    }

    @Test
    void streamsNewlineDelimitedChunks() throws Exception {
        server.enqueue(ndjson(List.of(
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Five\"},\"done\":false}",
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\".\"},\"done\":false}",
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":20,\"eval_count\":2}")));
        var recorder = new StreamRecorder();

        llm.stream(ASK, recorder);
        ChatResponse response = recorder.await();

        assertThat(server.takeRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(recorder.partials).containsExactly("Five", ".");
        assertThat(response.aiMessage().text()).isEqualTo("Five.");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(22);
    }

    @Test
    void unknownModelIsAPermanentFailureWithAHint() {
        server.enqueue(error(404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}", Map.of()));

        assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 404").contains("not found").contains("check the model name");
        });
    }
}
