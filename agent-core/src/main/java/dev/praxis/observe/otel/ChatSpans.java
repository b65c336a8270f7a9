package dev.praxis.observe.otel;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.LlmException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import java.util.List;
import java.util.Map;

/** Starts and ends {@code chat} client spans. */
final class ChatSpans {

    private ChatSpans() {
    }

    static Span start(Tracer tracer, ChatRequest request, Endpoint endpoint, String conversation, boolean content,
                      SecretMasker masker, Map<String, String> toolDescriptions) {
        String model = request.modelName();
        SpanBuilder builder = tracer.spanBuilder(model == null ? "chat" : "chat " + model).setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION, "chat")
                .setAttribute(GenAi.PROVIDER, endpoint.provider());
        endpoint.address().ifPresent(address -> builder.setAttribute(GenAi.SERVER_ADDRESS, address)
                .setAttribute(GenAi.SERVER_PORT, (long) endpoint.port()));
        if (model != null) {
            builder.setAttribute(GenAi.REQUEST_MODEL, model);
        }
        if (conversation != null && !conversation.isEmpty()) {
            builder.setAttribute(GenAi.CONVERSATION, conversation);
        }
        parameters(builder, request.parameters());
        Span span = builder.startSpan();
        if (content) {
            span.setAttribute(GenAi.INPUT_MESSAGES, Messages.input(request.messages(), masker::mask));
        }
        for (ToolSpecification tool : request.toolSpecifications()) {
            if (tool.description() != null) {
                toolDescriptions.put(tool.name(), tool.description());
            }
        }
        return span;
    }

    private static void parameters(SpanBuilder span, ChatRequestParameters p) {
        if (p.temperature() != null) {
            span.setAttribute(GenAi.REQUEST_TEMPERATURE, p.temperature());
        }
        if (p.topP() != null) {
            span.setAttribute(GenAi.REQUEST_TOP_P, p.topP());
        }
        if (p.topK() != null) {
            span.setAttribute(GenAi.REQUEST_TOP_K, p.topK().doubleValue());
        }
        if (p.maxOutputTokens() != null) {
            span.setAttribute(GenAi.REQUEST_MAX_TOKENS, p.maxOutputTokens().longValue());
        }
        if (p.frequencyPenalty() != null) {
            span.setAttribute(GenAi.REQUEST_FREQUENCY_PENALTY, p.frequencyPenalty());
        }
        if (p.presencePenalty() != null) {
            span.setAttribute(GenAi.REQUEST_PRESENCE_PENALTY, p.presencePenalty());
        }
        if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
            span.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, List.copyOf(p.stopSequences()));
        }
        if (p.responseFormat() != null) {
            span.setAttribute(GenAi.OUTPUT_TYPE, p.responseFormat().type() == ResponseFormatType.JSON ? "json" : "text");
        }
    }

    static void end(Span span, ChatResponse response, boolean requestNamedModel, boolean content,
                    SecretMasker masker) {
        if (response != null) {
            if (response.modelName() != null) {
                span.setAttribute(GenAi.RESPONSE_MODEL, response.modelName());
                if (!requestNamedModel) {
                    span.updateName("chat " + response.modelName());
                }
            }
            if (response.id() != null) {
                span.setAttribute(GenAi.RESPONSE_ID, response.id());
            }
            span.setAttribute(GenAi.FINISH_REASONS, List.of(Messages.finishReason(response.finishReason(),
                    response.aiMessage())));
            if (response.tokenUsage() != null) {
                if (response.tokenUsage().inputTokenCount() != null) {
                    span.setAttribute(GenAi.INPUT_TOKENS, (long) response.tokenUsage().inputTokenCount());
                }
                if (response.tokenUsage().outputTokenCount() != null) {
                    span.setAttribute(GenAi.OUTPUT_TOKENS, (long) response.tokenUsage().outputTokenCount());
                }
            }
            if (content && response.aiMessage() != null) {
                span.setAttribute(GenAi.OUTPUT_MESSAGES, Messages.output(response.aiMessage(), response.finishReason(),
                        masker::mask));
            }
        }
        span.end();
    }

    static void fail(Span span, Throwable error) {
        span.setAttribute(GenAi.ERROR_TYPE, errorType(error));
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        span.end();
    }

    /** The exception's class name, as the conventions ask; retriable LLM failures say so. */
    static String errorType(Throwable error) {
        return error instanceof LlmException e && e.isRetriable()
                ? error.getClass().getName() + ":retriable" : error.getClass().getName();
    }
}
