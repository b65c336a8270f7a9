package dev.praxis.observe.otel;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;

import java.util.List;

/**
 * The conventions' client metrics: {@code gen_ai.client.token.usage} (histogram, {@code {token}},
 * one record per token type) and {@code gen_ai.client.operation.duration} (histogram, seconds),
 * with the buckets the conventions advise.
 */
final class ClientMetrics {

    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

    private final LongHistogram tokens;
    private final DoubleHistogram duration;

    ClientMetrics(Meter meter) {
        this.tokens = meter.histogramBuilder(TOKEN_USAGE).ofLongs().setUnit("{token}")
                .setDescription("Number of input and output tokens used")
                .setExplicitBucketBoundariesAdvice(List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
                        262144L, 1048576L, 4194304L, 16777216L, 67108864L))
                .build();
        this.duration = meter.histogramBuilder(OPERATION_DURATION).setUnit("s")
                .setDescription("GenAI operation duration")
                .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
                        10.24, 20.48, 40.96, 81.92))
                .build();
    }

    void record(ChatRequest request, Endpoint endpoint, ChatResponse response, Throwable error, long nanos) {
        AttributesBuilder common = Attributes.builder().put(GenAi.OPERATION, "chat").put(GenAi.PROVIDER, endpoint.provider());
        if (request.modelName() != null) {
            common.put(GenAi.REQUEST_MODEL, request.modelName());
        }
        endpoint.address().ifPresent(a -> common.put(GenAi.SERVER_ADDRESS, a).put(GenAi.SERVER_PORT, (long) endpoint.port()));
        if (response != null && response.modelName() != null) {
            common.put(GenAi.RESPONSE_MODEL, response.modelName());
        }
        AttributesBuilder timed = common.build().toBuilder();
        if (error != null) {
            timed.put(GenAi.ERROR_TYPE, ChatSpans.errorType(error));
        }
        duration.record(nanos / 1e9, timed.build());
        if (response != null && response.tokenUsage() != null) {
            Integer in = response.tokenUsage().inputTokenCount();
            Integer out = response.tokenUsage().outputTokenCount();
            if (in != null) {
                tokens.record(in, common.build().toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
            }
            if (out != null) {
                tokens.record(out, common.build().toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
            }
        }
    }
}
