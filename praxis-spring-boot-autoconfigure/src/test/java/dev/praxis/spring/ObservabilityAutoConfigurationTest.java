package dev.praxis.spring;

import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
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
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs reach the application's Micrometer registry and OpenTelemetry through agent-core's bridges. */
class ObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PraxisAutoConfiguration.class,
                    PraxisObservabilityAutoConfiguration.class))
            .withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")));

    @Test
    void runsAreMeteredInTheApplicationsRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(MicrometerMetrics.class);
            context.getBean(LlmAgent.class).run("hi");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("praxis.run.duration").tag("agent", "agent").tag("status", "completed")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("praxis.model.duration").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void runsAreTracedThroughTheApplicationsOpenTelemetry() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        runner.withBean(OpenTelemetry.class, () -> otel).run(context -> {
            assertThat(context).hasSingleBean(OtelTracing.class);
            context.getBean(LlmAgent.class).run("hi");

            assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                    .anySatisfy(name -> assertThat(name).contains("agent"))
                    .anySatisfy(name -> assertThat(name).startsWith("chat"));
        });
    }

    @Test
    void noMetricsOrTracingWithoutRegistryOrOpenTelemetry() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(MicrometerMetrics.class).doesNotHaveBean(OtelTracing.class));
    }

    @Test
    void startsWithoutMicrometerAndOpenTelemetryOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class, OpenTelemetry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LlmAgent.class).run("hi").output()).isEqualTo("ok");
                });
    }
}
