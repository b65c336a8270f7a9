package dev.praxis.examples.docs;

import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Usage;
import dev.praxis.examples.Arithmetic;
import dev.praxis.guard.PiiRedactor;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.Price;
import dev.praxis.llm.Retry;
import dev.praxis.observe.EventLog;
import dev.praxis.observe.LoggingListener;
import dev.praxis.observe.TracePage;
import dev.praxis.observe.micrometer.MicrometerMetrics;
import dev.praxis.observe.otel.OtelTracing;
import dev.praxis.testing.ScriptedLlm;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.function.Function;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/observability.md, run against the OpenTelemetry SDK's in-memory exporter and Micrometer. */
class ObservabilitySnippets {

    private final ScriptedLlm llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));

    @Test
    void loggingListenerNeedsNoSetup() {
        var agent =
        // tag::logging[]
        LlmAgent.builder().llm(llm).listener(LoggingListener.create()).build();
        // end::logging[]
        assertThat(agent.toBuilder().tools(new Arithmetic()).build().run("2+3?").output()).isEqualTo("5");
    }

    @Test
    void tracingMakesAgentModelAndToolSpans() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        // tag::tracing[]
        OtelTracing tracing = OtelTracing.of(openTelemetry);
        LlmAgent agent = LlmAgent.builder().llm(llm.with(tracing)).listener(tracing).build();
        // end::tracing[]
        agent.toBuilder().tools(new Arithmetic()).build().run("2+3?");

        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                .contains("chat", "execute_tool add")
                .anySatisfy(name -> assertThat(name).startsWith("invoke_agent"));
    }

    @Test
    void metricsCountTokensAndTools() {
        MeterRegistry meterRegistry = new SimpleMeterRegistry();
        Price price = Price.perMillion("0.15", "0.60");
        Function<Usage, BigDecimal> pricing = usage -> price.cost(usage.inputTokens(), 0, usage.outputTokens());
        var agent =
        // tag::metrics[]
        LlmAgent.builder().llm(llm)
                .listener(MicrometerMetrics.into(meterRegistry).pricedBy(pricing))
                .build();
        // end::metrics[]
        agent.toBuilder().tools(new Arithmetic()).build().run("2+3?");

        assertThat(meterRegistry.get("praxis.tool.duration").tag("tool", "add").timer().count()).isEqualTo(1);
        assertThat(meterRegistry.get("praxis.run.duration").tag("status", "completed").timer().count()).isEqualTo(1);
    }

    @Test
    void eventLogFeedsTheRunViewer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var log = dir.resolve("run.jsonl");
        var page = dir.resolve("run.html");
        // tag::event-log[]
        SecretMasker secrets = SecretMasker.defaults();
        PiiRedactor pii = PiiRedactor.mask();
        try (EventLog events = EventLog.to(log, text -> pii.redact(secrets.mask(text)))) {
            LlmAgent agent = LlmAgent.builder().name("helper").tools(new Arithmetic()).listener(events)
                    .llm(llm.with(events.attempts()).with(Retry.upTo(3))).build();
            agent.run("2+3? mail the answer to ann@example.com");
        }
        Files.writeString(page, TracePage.render(log));
        // end::event-log[]
        assertThat(Files.readString(log)).doesNotContain("ann@example.com").contains("\"type\":\"tool_finished\"");
        assertThat(Files.readString(page)).contains("data-agent=\"helper\"");
    }
}
