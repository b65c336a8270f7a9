package dev.praxis.observe;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.Usage;
import dev.praxis.guard.AuditLog;
import dev.praxis.guard.SecretMasker;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes every run start, model call, tool call (with its outcome: ok, failed, denied by
 * policy or approval) and run end to a hash-chained {@link AuditLog}.
 *
 * <pre>{@code
 * AuditLog audit = AuditLog.open(Path.of("audit.jsonl"));
 * LlmAgent.builder().llm(llm).listener(AuditListener.to(audit).redacting(PiiRedactor.mask()::redact)).build();
 * }</pre>
 *
 * <p>Every text is passed through a {@link SecretMasker} (and the optional redactor) first.
 * Tool results are recorded as SHA-256 digest and length, not content, unless
 * {@link #withToolContent()} is set. A failing write ends the run as {@code FAILED}: a run that
 * cannot be audited does not go on. Progress events ({@code Perceived}, {@code ToolStarted})
 * are not written; event types added later are recorded by name. Thread-safe.
 */
public final class AuditListener implements AgentListener {

    private final AuditLog log;
    private final UnaryOperator<String> redact;
    private final boolean toolContent;

    private AuditListener(AuditLog log, UnaryOperator<String> redact, boolean toolContent) {
        this.log = log;
        this.redact = redact;
        this.toolContent = toolContent;
    }

    /** A listener writing to {@code log}, masking secrets. */
    public static AuditListener to(AuditLog log) {
        return new AuditListener(Objects.requireNonNull(log, "log"), SecretMasker.defaults()::mask, false);
    }

    /** This listener, also passing every text through {@code redactor} (e.g. PII redaction). */
    public AuditListener redacting(UnaryOperator<String> redactor) {
        Objects.requireNonNull(redactor, "redactor");
        UnaryOperator<String> before = redact;
        return new AuditListener(log, text -> redactor.apply(before.apply(text)), toolContent);
    }

    /** This listener, recording tool results' (masked) content as well as their digest. */
    public AuditListener withToolContent() {
        return new AuditListener(log, redact, true);
    }

    @Override
    public void on(AgentEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", event.runId());
        String type = describe(event, data);
        if (type != null) {
            log.append(type, data);
        }
    }

    private String describe(AgentEvent event, Map<String, Object> data) {
        if (event instanceof AgentEvent.RunStarted e) {
            data.put("agent", e.agent());
            data.put("session", e.session());
            data.put("input", redact.apply(e.input()));
            return "run_started";
        }
        if (event instanceof AgentEvent.ModelCalled e) {
            data.put("step", e.step());
            data.put("text", redact.apply(e.response().text() == null ? "" : e.response().text()));
            data.put("tool_calls", e.response().hasToolExecutionRequests()
                    ? e.response().toolExecutionRequests().stream().map(r -> call(ToolCall.from(r))).toList() : List.of());
            usage(data, e.usage());
            data.put("latency_ms", e.latency().toMillis());
            return "model_call";
        }
        if (event instanceof AgentEvent.ToolFinished e) {
            data.put("step", e.step());
            data.putAll(call(e.call()));
            result(data, e.result());
            data.put("duration_ms", e.duration().toMillis());
            return "tool_call";
        }
        if (event instanceof AgentEvent.Completed e) {
            return ended(data, e.result());
        }
        if (event instanceof AgentEvent.Stopped e) {
            return ended(data, e.result());
        }
        if (event instanceof AgentEvent.Perceived || event instanceof AgentEvent.ToolStarted) {
            return null; // progress only: the model call and the tool's outcome are what is audited
        }
        return "event:" + event.getClass().getSimpleName();
    }

    private String ended(Map<String, Object> data, dev.praxis.agent.AgentResult result) {
        data.put("status", result.status().name());
        data.put("reason", redact.apply(result.reason()));
        data.put("steps", result.steps().size());
        usage(data, result.usage());
        return "run_ended";
    }

    private Map<String, Object> call(ToolCall call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call_id", call.id());
        data.put("tool", call.name());
        data.put("arguments", redact.apply(call.arguments()));
        return data;
    }

    private void result(Map<String, Object> data, ToolResult result) {
        data.put("outcome", outcome(result));
        if (result instanceof ToolResult.Ok ok) {
            data.put("result_sha256", sha256(ok.content()));
            data.put("result_chars", ok.content().length());
            if (toolContent) {
                data.put("result", redact.apply(ok.content()));
            }
        } else {
            data.put("reason", redact.apply(result.text()));
        }
    }

    /** The outcome name of a tool result: {@code ok}, {@code failed}, {@code denied}, or the type's name. */
    static String outcome(ToolResult result) {
        return result.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static void usage(Map<String, Object> data, Usage usage) {
        data.put("input_tokens", usage.inputTokens());
        data.put("output_tokens", usage.outputTokens());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
