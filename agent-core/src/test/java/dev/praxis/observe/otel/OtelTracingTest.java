package dev.praxis.observe.otel;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmException;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.Tools;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.failure;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

class OtelTracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();

    private static final Tool LOOKUP = TestTools.named("lookup").returns("found; api_key=abcd1234efgh");
    private static final Tool BROKEN = Tools.of("broken", "Fails", JsonObjectSchema.builder().build(),
            SideEffect.READ_ONLY, args -> {
                throw new ToolException("backend down", true);
            });

    @AfterEach
    void close() {
        provider.close();
    }

    private static ScriptedLlm.Reply answer(String text, FinishReason reason, String model) {
        return request -> ChatResponse.builder().aiMessage(AiMessage.from(text)).finishReason(reason)
                .modelName(model).id("resp-1").tokenUsage(new TokenUsage(12, 5, 17)).build();
    }

    private AgentResult run(OtelTracing tracing, ScriptedLlm llm, String input) {
        return LlmAgent.builder().name("helper").llm(llm.with(tracing)).tools(LOOKUP, BROKEN).listener(tracing)
                .build().run(input);
    }

    private SpanData span(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + names()));
    }

    private List<String> names() {
        return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }

    @Test
    void runBecomesAgentSpanWithChatAndToolChildren() {
        var llm = ScriptedLlm.of(toolCalls(call("lookup", "{}"), call("broken", "{}")).withUsage(10, 2),
                answer("done", FinishReason.STOP, "gpt-test"));

        AgentResult result = run(OtelTracing.of(otel), llm, "find it, password=hunter22");

        assertThat(names()).containsExactlyInAnyOrder("chat", "execute_tool lookup", "execute_tool broken",
                "chat gpt-test", "invoke_agent helper");
        assertThat(span("chat gpt-test").getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isNull();
        SpanData agent = span("invoke_agent helper");
        assertThat(agent.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name"))).isEqualTo("helper");
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("praxis.run.id"))).isEqualTo(result.runId());
        assertThat(agent.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(22L);
        assertThat(exporter.getFinishedSpanItems()).filteredOn(s -> s != agent)
                .allSatisfy(s -> {
                    assertThat(s.getParentSpanId()).isEqualTo(agent.getSpanId());
                    assertThat(s.getTraceId()).isEqualTo(agent.getTraceId());
                });
        SpanData chat = span("chat gpt-test");
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("gpt-test");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.response.id"))).isEqualTo("resp-1");
        assertThat(chat.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("stop");
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(5L);
        SpanData broken = span("execute_tool broken");
        assertThat(broken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(broken.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("tool_error_retriable");
        assertThat(span("execute_tool lookup").getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
                .isEqualTo("call_1");
    }

    @Test
    void contentIsNotCapturedByDefault() {
        run(OtelTracing.of(otel), ScriptedLlm.of(toolCalls(call("lookup", "{}")), answer("ok", FinishReason.STOP, "m")),
                "secret plan");

        assertThat(exporter.getFinishedSpanItems()).allSatisfy(s -> assertThat(s.getAttributes().asMap().keySet())
                .extracting(AttributeKey::getKey)
                .doesNotContain("gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.tool.call.arguments",
                        "gen_ai.tool.call.result"));
        assertThat(exporter.getFinishedSpanItems().toString()).doesNotContain("secret plan");
    }

    @Test
    void capturedContentIsMasked() {
        run(OtelTracing.of(otel).capturingContent(),
                ScriptedLlm.of(toolCalls(call("lookup", "{}")), answer("ok", FinishReason.STOP, "m")),
                "find it, password=hunter22");

        assertThat(span("invoke_agent helper").getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                .contains("password=[SECRET]").startsWith("[{");
        assertThat(span("execute_tool lookup").getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result")))
                .isEqualTo("found; api_key=[SECRET]");
        assertThat(exporter.getFinishedSpanItems().toString()).doesNotContain("hunter22", "abcd1234efgh");
    }

    @Test
    void failedModelCallMarksChatAndAgentSpans() {
        var llm = ScriptedLlm.of(failure(new LlmException("rate limited", null, true)));

        AgentResult result = run(OtelTracing.of(otel), llm, "hi");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(span("chat").getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo(LlmException.class.getName() + ":retriable");
        SpanData agent = span("invoke_agent helper");
        assertThat(agent.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("praxis.run.status"))).isEqualTo("FAILED");
    }

    @Test
    void streamedCallIsTracedUntilItCompletesOrFails() {
        var request = dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("x")).build();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var handler = new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                seen.add("partial:" + partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                seen.add("complete");
            }

            @Override
            public void onError(Throwable error) {
                seen.add("error");
            }
        };

        ScriptedLlm.of(answer("hi", FinishReason.STOP, "m"), failure(new IllegalStateException("boom")))
                .with(OtelTracing.of(otel)).stream(request, handler);
        ScriptedLlm.of(failure(new IllegalStateException("boom"))).with(OtelTracing.of(otel)).stream(request, handler);

        assertThat(seen).containsExactly("partial:hi", "complete", "error");
        assertThat(span("chat m").getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(12L);
        assertThat(span("chat").getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void runSpanIsNoLongerCurrentAfterTheRun() {
        run(OtelTracing.of(otel), ScriptedLlm.of(answer("ok", FinishReason.STOP, "m")), "hi");

        assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
    }
}
