package dev.praxis.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.praxis.llm.provider.WireServer.json;
import static dev.praxis.llm.provider.WireServer.sse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code agent.run(task, Weather.class)} with {@code nativeStructuredOutput(true)} against a real
 * HTTP server on loopback per provider: what each provider's request carries as its native
 * response format, and that the JSON it answers with comes back as the record.
 */
class NativeStructuredOutputWireTest {

    enum Sky { CLEAR, CLOUDY }

    record Weather(String city, double celsius, Sky sky) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Weather OSLO = new Weather("Oslo", -3.5, Sky.CLOUDY);
    private static final String ANSWER = "{\"city\":\"Oslo\",\"celsius\":-3.5,\"sky\":\"CLOUDY\"}";
    /** The closed schema every provider except Gemini receives as JSON Schema. */
    private static final String SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string"},"celsius":{"type":"number"},
             "sky":{"type":"string","enum":["CLEAR","CLOUDY"]}},
             "required":["city","celsius","sky"],"additionalProperties":false}""";

    private final WireServer server = Wire.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void openAiGetsAStrictJsonSchemaResponseFormat() throws Exception {
        server.enqueue(json(openAiReply(ANSWER)));

        Weather weather = agent(client("openai:gpt-4o-mini", "/v1", "sk-test")).run("Weather in Oslo?", Weather.class);

        JsonNode format = server.takeRequest().json().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("Weather");
        assertThat(format.path("json_schema").path("strict").isBoolean()).isTrue();
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(weather).isEqualTo(OSLO);
    }

    @Test
    void geminiGetsAResponseMimeTypeAndAResponseSchema() throws Exception {
        server.enqueue(json("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":%s}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":12,"totalTokenCount":32}}"""
                .formatted(JSON.writeValueAsString(ANSWER))));

        Weather weather = agent(client("gemini:gemini-2.5-flash", "/v1beta", "gem-test"))
                .run("Weather in Oslo?", Weather.class);

        JsonNode config = server.takeRequest().json().path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        // LangChain4j 1.19 sends Gemini's OpenAPI-style responseSchema (upper-case types), not responseJsonSchema
        assertThat(config.has("responseJsonSchema")).isFalse();
        JsonNode schema = config.path("responseSchema");
        assertThat(schema.path("type").asText()).isEqualTo("OBJECT");
        assertThat(schema.path("properties").path("city").path("type").asText()).isEqualTo("STRING");
        assertThat(schema.path("properties").path("celsius").path("type").asText()).isEqualTo("NUMBER");
        assertThat(schema.path("properties").path("sky").path("type").asText()).isEqualTo("STRING");
        assertThat(schema.path("properties").path("sky").path("enum").toString()).isEqualTo("[\"CLEAR\",\"CLOUDY\"]");
        assertThat(schema.path("required").toString()).isEqualTo("[\"city\",\"celsius\",\"sky\"]");
        assertThat(weather).isEqualTo(OSLO);
    }

    @Test
    void ollamaGetsTheSchemaAsItsFormat() throws Exception {
        server.enqueue(json("""
                {"model":"llama3.2","created_at":"2026-01-01T00:00:00Z",
                 "message":{"role":"assistant","content":%s},
                 "done":true,"done_reason":"stop","prompt_eval_count":20,"eval_count":12}"""
                .formatted(JSON.writeValueAsString(ANSWER))));

        Weather weather = agent(client("ollama:llama3.2", "", null)).run("Weather in Oslo?", Weather.class);

        JsonNode format = server.takeRequest().json().path("format");
        JsonNode expected = JSON.readTree(SCHEMA);
        // Ollama's mapper in LangChain4j drops additionalProperties; OutputSchema.parse still rejects extras
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("additionalProperties");
        assertThat(format).isEqualTo(expected);
        assertThat(weather).isEqualTo(OSLO);
    }

    @Test
    void anthropicGetsTheSchemaAsOutputConfigFormat() throws Exception {
        server.enqueue(json("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":%s}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":20,"output_tokens":12}}""".formatted(JSON.writeValueAsString(ANSWER))));

        Weather weather = agent(client("anthropic:claude-sonnet-4-5", "/v1", "ant-test"))
                .run("Weather in Oslo?", Weather.class);

        JsonNode body = server.takeRequest().json();
        JsonNode format = body.path("output_config").path("format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("schema")).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(body.has("tools")).as("native output, not the forced-tool workaround").isFalse();
        assertThat(weather).isEqualTo(OSLO);
    }

    @Test
    void withoutNativeOutputOnlyThePromptCarriesTheSchema() throws Exception {
        server.enqueue(json(openAiReply(ANSWER)));
        LlmAgent agent = LlmAgent.builder().llm(client("openai:gpt-4o-mini", "/v1", "sk-test")).build();

        Weather weather = agent.run("Weather in Oslo?", Weather.class);

        JsonNode body = server.takeRequest().json();
        assertThat(body.has("response_format")).isFalse();
        String prompt = body.path("messages").get(0).path("content").asText();
        assertThat(prompt).startsWith("Weather in Oslo?\n\nAnswer with one JSON object only");
        assertThat(JSON.readTree(prompt.substring(prompt.indexOf('{')))).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(weather).isEqualTo(OSLO);
    }

    @Test
    void anAnswerThatMissesAFieldIsSentBackWithTheErrorAndTheFormatAgain() throws Exception {
        server.enqueue(json(openAiReply("{\"city\":\"Oslo\",\"sky\":\"CLOUDY\"}")));
        server.enqueue(json(openAiReply(ANSWER)));

        Weather weather = agent(client("openai:gpt-4o-mini", "/v1", "sk-test")).run("Weather in Oslo?", Weather.class);

        server.takeRequest();
        JsonNode retry = server.takeRequest().json();
        JsonNode messages = retry.path("messages");
        assertThat(messages.get(messages.size() - 2).path("content").asText())
                .isEqualTo("{\"city\":\"Oslo\",\"sky\":\"CLOUDY\"}");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .contains("was rejected: does not match the schema:").contains("celsius");
        assertThat(retry.path("response_format").path("json_schema").path("name").asText()).isEqualTo("Weather");
        assertThat(weather).isEqualTo(OSLO);
    }

    @Test
    void aStreamedAnswerCarriesTheFormatAndBindsToo() throws Exception {
        String quoted = JSON.writeValueAsString(ANSWER.substring(0, 14));
        String rest = JSON.writeValueAsString(ANSWER.substring(14));
        server.enqueue(sse(List.of(chunk("{\"role\":\"assistant\",\"content\":" + quoted + "}"),
                chunk("{\"content\":" + rest + "}"), finish("stop"), "data: [DONE]\n\n")));
        LlmAgent agent = LlmAgent.builder().llm(client("openai:gpt-4o-mini", "/v1", "sk-test"))
                .nativeStructuredOutput(true).streaming(true).build();

        Weather weather = agent.run("Weather in Oslo?", Weather.class);

        JsonNode body = server.takeRequest().json();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("response_format").path("json_schema").path("schema")).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(weather).isEqualTo(OSLO);
    }

    private static LlmAgent agent(LlmClient llm) {
        return LlmAgent.builder().llm(llm).nativeStructuredOutput(true).build();
    }

    private LlmClient client(String model, String path, String key) {
        Map<String, String> settings = key == null
                ? Map.of("PRAXIS_MODEL", model, "PRAXIS_BASE_URL", server.url(path))
                : Map.of("PRAXIS_MODEL", model, "PRAXIS_BASE_URL", server.url(path), "PRAXIS_API_KEY", key);
        return LlmClients.from(settings);
    }

    private static String openAiReply(String content) throws Exception {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":%s}}],
                 "usage":{"prompt_tokens":20,"completion_tokens":12,"total_tokens":32}}"""
                .formatted(JSON.writeValueAsString(content));
    }

    private static String chunk(String delta) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n";
    }

    private static String finish(String reason) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}\n\n";
    }
}
