package dev.praxis.observe.otel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClients;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans and metrics against the attribute tables of the OpenTelemetry GenAI semantic
 * conventions, v1.41.0: the inference span, the invoke_agent (internal) span, the execute_tool
 * span and the client metrics.
 */
class GenAiConventionsTest {

    private static final Set<String> INFERENCE = Set.of("gen_ai.operation.name", "gen_ai.provider.name", "error.type",
            "gen_ai.conversation.id", "gen_ai.output.type", "gen_ai.request.choice.count", "gen_ai.request.model",
            "gen_ai.request.seed", "server.port", "gen_ai.request.frequency_penalty", "gen_ai.request.max_tokens",
            "gen_ai.request.presence_penalty", "gen_ai.request.stop_sequences", "gen_ai.request.temperature",
            "gen_ai.request.top_k", "gen_ai.request.top_p", "gen_ai.response.finish_reasons", "gen_ai.response.id",
            "gen_ai.response.model", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "server.address",
            "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions", "gen_ai.tool.definitions");
    private static final Set<String> INVOKE_AGENT = union(INFERENCE, Set.of("gen_ai.agent.description",
            "gen_ai.agent.id", "gen_ai.agent.name", "gen_ai.data_source.id"));
    private static final Set<String> EXECUTE_TOOL = Set.of("gen_ai.operation.name", "error.type", "gen_ai.tool.call.id",
            "gen_ai.tool.description", "gen_ai.tool.name", "gen_ai.tool.type", "gen_ai.tool.call.arguments",
            "gen_ai.tool.call.result");
    private static final Set<String> METRIC = Set.of("gen_ai.operation.name", "gen_ai.provider.name", "error.type",
            "gen_ai.request.model", "gen_ai.response.model", "server.address", "server.port", "gen_ai.token.type");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();
    private final OtelTracing tracing = OtelTracing.of(otel).capturingContent().model(LlmClients.spec(Map.of(
            "PRAXIS_MODEL", "openai:gpt-test", "PRAXIS_BASE_URL", "http://127.0.0.1:8123/v1")));
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        otel.close();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static ScriptedLlm.Reply answer(String text) {
        return request -> ChatResponse.builder().aiMessage(AiMessage.from(text)).finishReason(FinishReason.STOP)
                .modelName("gpt-test-0613").id("resp-2").tokenUsage(new TokenUsage(30, 7)).build();
    }

    private SpanData span(String prefix) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith(prefix)).findFirst().orElseThrow();
    }

    private void runAgent() {
        var weather = TestTools.named("weather").description("Tells the weather in a city").stringParameter("city")
                .returns("rainy, 14 C");
        var llm = ScriptedLlm.of(toolCall("weather", "{\"city\":\"Paris\"}").withUsage(20, 5), answer("Rainy in Paris."));
        LlmAgent.builder().name("forecaster").llm(llm.with(tracing)).tools(weather).listener(tracing).build()
                .run(AgentRequest.of("Weather in Paris?").inSession(MemoryScope.of("ann", "conv-42")));
    }

    @Test
    void everySpanAttributeIsOneTheConventionsDefineForItsSpan() {
        runAgent();

        assertThat(spans.getFinishedSpanItems()).hasSize(4).allSatisfy(span -> {
            Set<String> allowed = span.getName().startsWith("chat") ? INFERENCE
                    : span.getName().startsWith("invoke_agent") ? INVOKE_AGENT : EXECUTE_TOOL;
            assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                    .filteredOn(key -> !key.startsWith("praxis."))
                    .as(span.getName()).allSatisfy(key -> assertThat(allowed).contains(key));
        });
    }

    @Test
    void chatSpansNameProviderServerConversationAndStandardFinishReasons() {
        runAgent();

        SpanData first = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat")).findFirst()
                .orElseThrow();
        var a = first.getAttributes();
        assertThat(a.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
        assertThat(a.get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
        assertThat(a.get(AttributeKey.longKey("server.port"))).isEqualTo(8123L);
        assertThat(a.get(AttributeKey.stringKey("gen_ai.conversation.id"))).isNotBlank();
        assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"))).containsExactly("tool_call");
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getName().startsWith("chat")).last()
                .satisfies(s -> assertThat(s.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                        .containsExactly("stop"));
        SpanData agent = span("invoke_agent");
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.id"))).isEqualTo("forecaster");
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.conversation.id")))
                .isEqualTo(a.get(AttributeKey.stringKey("gen_ai.conversation.id")));
        assertThat(span("execute_tool").getAttributes().get(AttributeKey.stringKey("gen_ai.tool.description")))
                .isEqualTo("Tells the weather in a city");
    }

    @Test
    void messagesAreRecordedInTheConventionsJsonPartsShape() throws Exception {
        runAgent();

        List<SpanData> chats = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("chat")).toList();
        JsonNode input = json.readTree(chats.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")));
        assertThat(input).extracting(m -> m.path("role").asText()).containsSubsequence("user", "assistant", "tool");
        JsonNode call = input.get(input.size() - 2).path("parts").get(0);
        assertThat(call.path("type").asText()).isEqualTo("tool_call");
        assertThat(call.path("name").asText()).isEqualTo("weather");
        assertThat(call.path("arguments").path("city").asText()).isEqualTo("Paris");
        JsonNode response = input.get(input.size() - 1).path("parts").get(0);
        assertThat(response.path("type").asText()).isEqualTo("tool_call_response");
        assertThat(response.path("result").asText()).isEqualTo("rainy, 14 C");
        JsonNode output = json.readTree(chats.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")));
        assertThat(output.get(0).path("role").asText()).isEqualTo("assistant");
        assertThat(output.get(0).path("parts").get(0).path("content").asText()).isEqualTo("Rainy in Paris.");
        assertThat(output.get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void requestParametersBecomeAttributes() {
        var llm = ScriptedLlm.of(answer("ok")).with(tracing);

        llm.chat(ChatRequest.builder().messages(List.of(UserMessage.from("hi"))).temperature(0.3).topP(0.9).topK(40)
                .maxOutputTokens(50).frequencyPenalty(0.1).presencePenalty(0.2).stopSequences(List.of("END")).build());

        var a = span("chat").getAttributes();
        assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.3);
        assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.top_p"))).isEqualTo(0.9);
        assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.top_k"))).isEqualTo(40.0);
        assertThat(a.get(AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(50L);
        assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.frequency_penalty"))).isEqualTo(0.1);
        assertThat(a.get(AttributeKey.doubleKey("gen_ai.request.presence_penalty"))).isEqualTo(0.2);
        assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.request.stop_sequences"))).containsExactly("END");
    }

    private static double sum(MetricData metric, String tokenType) {
        return metric.getHistogramData().getPoints().stream()
                .filter(p -> tokenType.equals(p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type"))))
                .mapToDouble(HistogramPointData::getSum).sum();
    }

    @Test
    void recordsTheStandardTokenUsageAndDurationMetrics() {
        runAgent();

        var byName = metrics.collectAllMetrics().stream().collect(java.util.stream.Collectors.toMap(MetricData::getName, m -> m));
        assertThat(byName).containsKeys("gen_ai.client.token.usage", "gen_ai.client.operation.duration");
        MetricData tokens = byName.get("gen_ai.client.token.usage");
        assertThat(tokens.getUnit()).isEqualTo("{token}");
        assertThat(tokens.getHistogramData().getPoints()).extracting(p -> p.getAttributes()
                .get(AttributeKey.stringKey("gen_ai.token.type"))).containsOnly("input", "output");
        assertThat(sum(tokens, "input")).isEqualTo(50.0);
        assertThat(sum(tokens, "output")).isEqualTo(12.0);
        MetricData duration = byName.get("gen_ai.client.operation.duration");
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getHistogramData().getPoints().stream().mapToLong(HistogramPointData::getCount).sum())
                .isEqualTo(2);
        for (MetricData metric : byName.values()) {
            metric.getHistogramData().getPoints().forEach(p -> assertThat(p.getAttributes().asMap().keySet())
                    .extracting(AttributeKey::getKey).allSatisfy(key -> assertThat(METRIC).contains(key)));
        }
    }
}
