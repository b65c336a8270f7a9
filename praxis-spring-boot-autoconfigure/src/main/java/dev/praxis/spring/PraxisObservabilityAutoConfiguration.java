package dev.praxis.spring;

import dev.praxis.observe.micrometer.MicrometerMetrics;
import dev.praxis.observe.otel.OtelTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Agent runs in the application's metrics and traces, through agent-core's bridges: Micrometer
 * meters ({@link MicrometerMetrics}) in Boot's {@link MeterRegistry}, and OpenTelemetry GenAI
 * spans ({@link OtelTracing}, a listener and a model decorator) through Boot's
 * {@link OpenTelemetry}. Both are {@code AgentListener}s, so every agent built from the
 * starter's builder reports to them.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"})
public class PraxisObservabilityAutoConfiguration {

    /** Run, step, token, tool and cost meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        MicrometerMetrics praxisMetrics(MeterRegistry registry) {
            return MicrometerMetrics.into(registry);
        }
    }

    /** Spans per run, model call and tool call (OpenTelemetry GenAI conventions). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenTelemetry.class)
    @ConditionalOnBean(OpenTelemetry.class)
    static class Tracing {

        @Bean
        @ConditionalOnMissingBean
        OtelTracing praxisTracing(OpenTelemetry openTelemetry) {
            return OtelTracing.of(openTelemetry);
        }
    }
}
