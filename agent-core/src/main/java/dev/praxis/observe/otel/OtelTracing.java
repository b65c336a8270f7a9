package dev.praxis.observe.otel;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmDecorator;
import dev.praxis.llm.provider.ModelSpec;
import dev.praxis.tool.ToolResult;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry spans after the GenAI semantic conventions: one {@code invoke_agent {agent}}
 * span per run (from {@link AgentEvent}s), a child {@code execute_tool {tool}} span per tool call,
 * and, as an {@link LlmDecorator}, a {@code chat {model}} client span per model call with
 * provider, server, conversation id, request parameters, request and response model, response
 * id, finish reason ({@code stop}, {@code length}, {@code content_filter}, {@code tool_call},
 * {@code error}), token usage and {@code error.type}, plus the metrics
 * {@code gen_ai.client.token.usage} and {@code gen_ai.client.operation.duration}. Follows the
 * GenAI semantic conventions {@value #CONVENTIONS_VERSION}.
 *
 * <pre>{@code
 * OtelTracing tracing = OtelTracing.of(openTelemetry);
 * LlmAgent agent = LlmAgent.builder().llm(llm.with(tracing)).listener(tracing).build();
 * }</pre>
 *
 * <p>Content (input, answers, tool arguments and results) is not recorded unless
 * {@link #capturingContent()} is set, and then in the conventions' JSON parts shape, masked by a
 * {@link SecretMasker}. The run
 * span is made current on the run's thread from start to end, so model calls (and anything the
 * application traces meanwhile) become its children. Thread-safe.
 */
public final class OtelTracing implements AgentListener, LlmDecorator {

    /** The instrumentation scope name. */
    public static final String SCOPE = "dev.praxis";

    private record Open(Span span, Scope scope) {
    }

    /** The version of the GenAI semantic conventions these spans and metrics follow. */
    public static final String CONVENTIONS_VERSION = "1.37.0";

    private final Tracer tracer;
    private final ClientMetrics metrics;
    private final boolean content;
    private final SecretMasker masker;
    private final Endpoint endpoint;
    private final Map<String, Open> runs = new ConcurrentHashMap<>();
    private final Map<String, Span> tools = new ConcurrentHashMap<>();
    private final Map<String, String> toolDescriptions = new ConcurrentHashMap<>();
    private final ThreadLocal<String> conversation = new ThreadLocal<>();
    private volatile Endpoint lastTarget = Endpoint.UNKNOWN;

    private OtelTracing(Tracer tracer, ClientMetrics metrics, boolean content, SecretMasker masker, Endpoint endpoint) {
        this.tracer = tracer;
        this.metrics = metrics;
        this.content = content;
        this.masker = masker;
        this.endpoint = endpoint;
    }

    /**
     * Tracing with {@code openTelemetry}'s tracer and meter for {@value #SCOPE}. The provider is
     * taken from the client's name ({@code openai:gpt-4o} for Praxis' provider clients), else
     * {@code unknown}: name it with {@link #model}.
     */
    public static OtelTracing of(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return new OtelTracing(openTelemetry.getTracer(SCOPE), new ClientMetrics(openTelemetry.getMeter(SCOPE)), false,
                SecretMasker.defaults(), null);
    }

    /** A new instance that also records masked content; off by default since prompts hold user data. */
    public OtelTracing capturingContent() {
        return new OtelTracing(tracer, metrics, true, masker, endpoint);
    }

    /**
     * A new instance naming the model's provider ({@code gen_ai.provider.name}) and server
     * ({@code server.address}, {@code server.port}) after {@code spec}, as from
     * {@code LlmClients.spec(settings)}.
     */
    public OtelTracing model(ModelSpec spec) {
        return new OtelTracing(tracer, metrics, content, masker, Endpoint.of(Objects.requireNonNull(spec, "spec")));
    }

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted e) {
            startRun(e.runId(), e.agent(), e.session(), e.input());
        } else if (event instanceof AgentEvent.Resumed e) {
            startRun(e.runId(), e.agent(), "", null);
        } else if (event instanceof AgentEvent.ToolStarted e) {
            startTool(e);
        } else if (event instanceof AgentEvent.ToolFinished e) {
            endTool(e);
        } else if (event instanceof AgentEvent.Completed e) {
            endRun(e.result());
        } else if (event instanceof AgentEvent.Stopped e) {
            endRun(e.result());
        }
    }

    private void startRun(String runId, String agent, String session, String input) {
        Span span = tracer.spanBuilder("invoke_agent " + agent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GenAi.OPERATION, "invoke_agent")
                .setAttribute(GenAi.AGENT_NAME, agent)
                .setAttribute(GenAi.AGENT_ID, agent)
                .setAttribute(GenAi.PROVIDER, (endpoint != null ? endpoint : lastTarget).provider())
                .setAttribute(GenAi.RUN_ID, runId)
                .startSpan();
        if (!session.isEmpty()) {
            span.setAttribute(GenAi.CONVERSATION, session);
            conversation.set(session);
        }
        if (content && input != null) {
            span.setAttribute(GenAi.INPUT_MESSAGES, Messages.user(masker.mask(input)));
        }
        runs.put(runId, new Open(span, span.makeCurrent()));
    }

    private void endRun(AgentResult result) {
        Open open = runs.remove(result.runId());
        if (open == null) {
            return;
        }
        Span span = open.span();
        span.setAttribute(GenAi.RUN_STATUS, result.status().name());
        span.setAttribute(GenAi.RUN_STEPS, (long) result.steps().size());
        span.setAttribute(GenAi.INPUT_TOKENS, result.usage().inputTokens());
        span.setAttribute(GenAi.OUTPUT_TOKENS, result.usage().outputTokens());
        if (content && result.status() == Status.COMPLETED) {
            span.setAttribute(GenAi.OUTPUT_MESSAGES, Messages.assistant(masker.mask(result.output())));
        }
        if (result.status() == Status.FAILED) {
            span.setStatus(StatusCode.ERROR, masker.mask(result.reason()));
            span.setAttribute(GenAi.ERROR_TYPE, result.status().name());
        }
        open.scope().close();
        conversation.remove();
        span.end();
    }

    private void startTool(AgentEvent.ToolStarted e) {
        Open run = runs.get(e.runId());
        Context parent = run == null ? Context.current() : Context.current().with(run.span());
        Span span = tracer.spanBuilder("execute_tool " + e.call().name()).setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GenAi.OPERATION, "execute_tool")
                .setAttribute(GenAi.TOOL_NAME, e.call().name())
                .setAttribute(GenAi.TOOL_CALL_ID, e.call().id())
                .setAttribute(GenAi.TOOL_TYPE, "function")
                .setAttribute(GenAi.STEP, (long) e.step())
                .startSpan();
        String description = toolDescriptions.get(e.call().name());
        if (description != null) {
            span.setAttribute(GenAi.TOOL_DESCRIPTION, description);
        }
        if (content) {
            span.setAttribute(GenAi.TOOL_ARGUMENTS, masker.mask(e.call().arguments()));
        }
        tools.put(key(e.runId(), e.step(), e.call().id(), e.call().name()), span);
    }

    private void endTool(AgentEvent.ToolFinished e) {
        Span span = tools.remove(key(e.runId(), e.step(), e.call().id(), e.call().name()));
        if (span == null) {
            return;
        }
        String outcome = e.result().getClass().getSimpleName();
        span.setAttribute(GenAi.TOOL_OUTCOME, outcome);
        if (e.result() instanceof ToolResult.Failed failed) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(GenAi.ERROR_TYPE, failed.retriable() ? "tool_error_retriable" : "tool_error");
        }
        if (content) {
            span.setAttribute(GenAi.TOOL_RESULT, masker.mask(e.result().text()));
        }
        span.end();
    }

    private static String key(String runId, int step, String callId, String name) {
        return runId + '/' + step + '/' + callId + '/' + name;
    }

    @Override
    public LlmClient decorate(LlmClient next) {
        Objects.requireNonNull(next, "next");
        Endpoint target = endpoint != null ? endpoint : Endpoint.guess(next);
        lastTarget = target;
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                Span span = start(request, target);
                long started = System.nanoTime();
                try (Scope ignored = span.makeCurrent()) {
                    ChatResponse response = next.chat(request);
                    ChatSpans.end(span, response, request.modelName() != null, content, masker);
                    metrics.record(request, target, response, null, System.nanoTime() - started);
                    return response;
                } catch (RuntimeException | Error e) {
                    ChatSpans.fail(span, e);
                    metrics.record(request, target, null, e, System.nanoTime() - started);
                    throw e;
                }
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                Span span = start(request, target);
                long started = System.nanoTime();
                try (Scope ignored = span.makeCurrent()) {
                    next.stream(request, new TracedHandler(handler, (response, error) -> {
                        if (error == null) {
                            ChatSpans.end(span, response, request.modelName() != null, content, masker);
                        } else {
                            ChatSpans.fail(span, error);
                        }
                        metrics.record(request, target, response, error, System.nanoTime() - started);
                    }));
                }
            }
        };
    }

    private Span start(ChatRequest request, Endpoint target) {
        return ChatSpans.start(tracer, request, target, conversation.get(), content, masker, toolDescriptions);
    }
}
