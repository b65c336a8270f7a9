package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
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

/** Anthropic's messages API wire format, against a real HTTP server on loopback. */
class AnthropicWireTest {

    private final WireServer server = Wire.start();
    private final LlmClient llm = LlmClients.from(Map.of(
            "PRAXIS_MODEL", "anthropic:claude-sonnet-4-5",
            "PRAXIS_BASE_URL", server.url("/v1"),
            "PRAXIS_API_KEY", "ant-test-secret"));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheMessagesRequestFieldByFieldAndReadsToolUseAndUsage() throws Exception {
        server.enqueue(json("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"Adding."},
                            {"type":"tool_use","id":"toolu_1","name":"add","input":{"a":2,"b":3}}],
                 "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":22}}"""));

        ChatResponse response = llm.chat(ASK);

        WireServer.Recorded request = server.takeRequest();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("ant-test-secret");
        assertThat(request.header("anthropic-version")).isNotBlank();
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("system").toString()).contains("Be brief.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).toString()).contains("What is 2+3?");
        assertThat(body.path("max_tokens").asInt()).isPositive();
        assertThat(body.path("tools").get(0).path("name").asText()).isEqualTo("add");
        assertThat(body.path("tools").get(0).path("input_schema").path("properties").has("b")).isTrue();

        assertThat(response.aiMessage().text()).isEqualTo("Adding.");
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.id()).isEqualTo("toolu_1");
        assertThat(call.name()).isEqualTo("add");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.arguments()))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"a\":2,\"b\":3}"));
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(40);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(22);
    }

    @Test
    void streamsTextDeltasAndAToolUseAssembledFromJsonDeltas() throws Exception {
        server.enqueue(sse(List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
                        + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Sure, \"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"adding.\"}}"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"add\",\"input\":{}}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\": 2\"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\", \\\"b\\\": 3}\"}}"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":30}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"))));
        var recorder = new StreamRecorder();

        llm.stream(ASK, recorder);
        ChatResponse response = recorder.await();

        assertThat(server.takeRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(recorder.partials).containsExactly("Sure, ", "adding.");
        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("toolu_2");
            assertThat(call.arguments()).isEqualTo("{\"a\": 2, \"b\": 3}");
        });
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(25);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(30);
    }

    @Test
    void overloadedIsRetriableWithRetryAfterAndBadKeyIsNot() {
        server.enqueue(error(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                Map.of("retry-after", "4")));
        server.enqueue(error(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
                Map.of()));

        assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
        });
        assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("ant-test-secret");
        });
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
