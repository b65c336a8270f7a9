package dev.praxis.observe.otel;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.LlmException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import java.util.List;
import java.util.Locale;

/** Starts and ends {@code chat} client spans. */
final class ChatSpans {

    private ChatSpans() {
    }

    static Span start(Tracer tracer, ChatRequest request, boolean content, SecretMasker masker) {
        String model = request.modelName();
        Span span = tracer.spanBuilder(model == null ? "chat" : "chat " + model).setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION, "chat")
                .startSpan();
        if (model != null) {
            span.setAttribute(GenAi.REQUEST_MODEL, model);
        }
        if (content) {
            span.setAttribute(GenAi.INPUT_MESSAGES, masker.mask(String.valueOf(request.messages())));
        }
        return span;
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
            if (response.finishReason() != null) {
                span.setAttribute(GenAi.FINISH_REASONS, List.of(response.finishReason().name().toLowerCase(Locale.ROOT)));
            }
            if (response.tokenUsage() != null) {
                if (response.tokenUsage().inputTokenCount() != null) {
                    span.setAttribute(GenAi.INPUT_TOKENS, (long) response.tokenUsage().inputTokenCount());
                }
                if (response.tokenUsage().outputTokenCount() != null) {
                    span.setAttribute(GenAi.OUTPUT_TOKENS, (long) response.tokenUsage().outputTokenCount());
                }
            }
            if (content && response.aiMessage() != null && response.aiMessage().text() != null) {
                span.setAttribute(GenAi.OUTPUT_MESSAGES, Messages.assistant(masker.mask(response.aiMessage().text())));
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
