package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.llm.LlmException;
import dev.praxis.llm.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.praxis.llm.provider.Requests.ASK;
import static dev.praxis.llm.provider.WireServer.error;
import static dev.praxis.llm.provider.WireServer.json;
import static dev.praxis.llm.provider.WireServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenAI chat-completions wire format, against a real HTTP server on loopback. */
class OpenAiWireTest {

    private final WireServer server = newServer();
    private final LlmClient llm = LlmClients.from(Map.of(
            "PRAXIS_MODEL", "openai:gpt-4o-mini",
            "PRAXIS_BASE_URL", server.url("/v1"),
            "PRAXIS_API_KEY", "sk-test-secret"));

    private static WireServer newServer() {
        try {
            return new WireServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final String TOOL_CALL_REPLY = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_9","type":"function","function":{"name":"add","arguments":"{\\"a\\":2,\\"b\\":3}"}}]}}],
             "usage":{"prompt_tokens":31,"completion_tokens":17,"total_tokens":48}}""";

    @Test
    void sendsTheChatCompletionRequestFieldByFieldAndReadsToolCallsAndUsage() throws Exception {
        server.enqueue(json(TOOL_CALL_REPLY));

        ChatResponse response = llm.chat(ASK);

        WireServer.Recorded request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test-secret");
        JsonNode body = request.json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("What is 2+3?");
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("add");
        assertThat(tool.path("function").path("parameters").path("properties").path("a").path("type").asText())
                .isEqualTo("integer");
        assertThat(tool.path("function").path("parameters").path("required").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(body.path("stream").asBoolean(false)).isFalse();

        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.id()).isEqualTo("call_9");
        assertThat(call.name()).isEqualTo("add");
        assertThat(call.arguments()).isEqualTo("{\"a\":2,\"b\":3}");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(31);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(17);
        assertThat(response.modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    @Test
    void streamsTextAndAssemblesAToolCallFromItsDeltas() throws Exception {
        server.enqueue(sse(List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"Let me \"}"),
                chunk("{\"content\":\"add.\"}"),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_7\",\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"\"}}]}"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}]}"),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"2,\\\"b\\\":3}\"}}]}"),
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}\n\n",
                "data: [DONE]\n\n")));
        var recorder = new StreamRecorder();

        llm.stream(ASK, recorder);
        ChatResponse response = recorder.await();

        JsonNode body = server.takeRequest().json();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(recorder.partials).containsExactly("Let me ", "add.");
        assertThat(response.aiMessage().text()).isEqualTo("Let me add.");
        ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.id()).isEqualTo("call_7");
        assertThat(call.arguments()).isEqualTo("{\"a\":2,\"b\":3}");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(21);
    }

    @Test
    void rateLimitIsRetriableAndCarriesRetryAfterWithoutHiddenRetries() throws Exception {
        server.enqueue(error(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}",
                Map.of("Retry-After", "3")));

        assertThatThrownBy(() -> llm.chat(ASK))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                    assertThat(e.getMessage()).startsWith("openai:gpt-4o-mini failed: HTTP 429").contains("Rate limit reached");
                });
        server.takeRequest();
        assertThat(server.requests.poll(200, TimeUnit.MILLISECONDS)).as("the provider must not retry by itself").isNull();
    }

    @Test
    void serverErrorsAreRetriableAndAuthenticationErrorsAreNot() {
        server.enqueue(error(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()));
        server.enqueue(error(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}", Map.of()));

        assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.isRetriable()).isTrue());
        assertThatThrownBy(() -> llm.chat(ASK)).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 401").contains("check PRAXIS_API_KEY").doesNotContain("sk-test-secret");
        });
    }

    @Test
    void retryDecoratorRecoversOverTheWireHonouringRetryAfter() throws Exception {
        server.enqueue(error(503, "{\"error\":{\"message\":\"overloaded\"}}", Map.of()));
        server.enqueue(error(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "2")));
        server.enqueue(json(TOOL_CALL_REPLY));
        List<Duration> sleeps = new ArrayList<>();

        ChatResponse response = llm.with(Retry.upTo(3).baseDelay(Duration.ofMillis(400)).timing(sleeps::add, () -> 0.25))
                .chat(ASK);

        assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
        assertThat(server.requests).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    @Test
    void streamErrorsArriveAtTheHandlerAsTypedFailures() throws Exception {
        server.enqueue(error(401, "{\"error\":{\"message\":\"bad key\"}}", Map.of()));
        var recorder = new StreamRecorder();

        llm.stream(ASK, recorder);

        assertThat(recorder.awaitError()).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 401");
        });
    }

    @Test
    void cancellingAStreamClosesTheHttpConnection() throws Exception {
        server.enqueue(WireServer.endlessSse(chunk("{\"content\":\"tick\"}"), chunk("{\"content\":\" tick\"}")));
        var recorder = new StreamRecorder() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                super.onPartialResponse(partial, context);
                context.streamingHandle().cancel();
            }
        };

        llm.stream(ASK, recorder);

        assertThat(server.clientHungUp.await(5, TimeUnit.SECONDS)).as("server saw the client hang up").isTrue();
        assertThat(recorder.partials).containsExactly("tick");
    }

    private static String chunk(String delta) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n";
    }
}
