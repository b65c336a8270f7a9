package dev.praxis.observe;

import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.guard.SecretMasker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs a run's events through SLF4J (logger {@code dev.praxis.run}) with the run id, agent
 * and step in the MDC ({@value #RUN_ID}, {@value #AGENT}, {@value #STEP}), so every log line the
 * run's thread writes meanwhile, including the application's own, carries them.
 *
 * <p>Run start and end log at INFO, steps and tool calls at DEBUG. Content (input, answers,
 * tool arguments) is not logged unless {@link #withContent()} is set, and then only after a
 * {@link SecretMasker} has masked it. MDC keys are set on the run's thread and removed when
 * the run ends. Stateless and thread-safe.
 */
public final class LoggingListener implements AgentListener {

    /** MDC key of the run id. */
    public static final String RUN_ID = "praxis.run_id";
    /** MDC key of the agent's name. */
    public static final String AGENT = "praxis.agent";
    /** MDC key of the current step. */
    public static final String STEP = "praxis.step";

    private static final Logger log = LoggerFactory.getLogger("dev.praxis.run");

    private final boolean content;
    private final SecretMasker masker;

    private LoggingListener(boolean content, SecretMasker masker) {
        this.content = content;
        this.masker = masker;
    }

    /** Logs events without content. */
    public static LoggingListener create() {
        return new LoggingListener(false, SecretMasker.defaults());
    }

    /** This listener, also logging masked content. */
    public LoggingListener withContent() {
        return new LoggingListener(true, masker);
    }

    /** This listener, masking with {@code secretMasker} (e.g. one that knows the application's keys). */
    public LoggingListener maskingWith(SecretMasker secretMasker) {
        return new LoggingListener(content, java.util.Objects.requireNonNull(secretMasker, "secretMasker"));
    }

    @Override
    public void on(AgentEvent event) {
        if (event instanceof AgentEvent.RunStarted e) {
            MDC.put(RUN_ID, e.runId());
            MDC.put(AGENT, e.agent());
            MDC.put(STEP, "0");
            log.info("run started: agent={} session={} input_chars={}{}", e.agent(), e.session(), e.input().length(),
                    text(" input=", e.input()));
        } else if (event instanceof AgentEvent.Resumed e) {
            MDC.put(RUN_ID, e.runId());
            MDC.put(AGENT, e.agent());
            MDC.put(STEP, Integer.toString(e.step()));
            log.info("run resumed: agent={} step={} in_flight={}", e.agent(), e.step(), e.inFlight().size());
        } else if (event instanceof AgentEvent.Perceived e) {
            MDC.put(STEP, Integer.toString(e.step()));
            log.debug("perceived: messages={} tools={}", e.messages(), e.tools());
        } else if (event instanceof AgentEvent.ModelCalled e) {
            log.debug("model called: tool_calls={} input_tokens={} output_tokens={} latency_ms={}{}",
                    e.response().hasToolExecutionRequests() ? e.response().toolExecutionRequests().size() : 0,
                    e.usage().inputTokens(), e.usage().outputTokens(), e.latency().toMillis(),
                    text(" text=", e.response().text()));
        } else if (event instanceof AgentEvent.ToolStarted e) {
            log.debug("tool started: tool={} call_id={}{}", e.call().name(), e.call().id(),
                    text(" arguments=", e.call().arguments()));
        } else if (event instanceof AgentEvent.ToolFinished e) {
            log.debug("tool finished: tool={} call_id={} outcome={} duration_ms={}", e.call().name(), e.call().id(),
                    AuditListener.outcome(e.result()), e.duration().toMillis());
        } else if (event instanceof AgentEvent.Completed e) {
            ended(e.result());
        } else if (event instanceof AgentEvent.Stopped e) {
            ended(e.result());
        } else {
            log.debug("event: {}", event.getClass().getSimpleName());
        }
    }

    private void ended(AgentResult result) {
        try {
            log.info("run ended: status={} steps={} input_tokens={} output_tokens={} reason={}", result.status(),
                    result.steps().size(), result.usage().inputTokens(), result.usage().outputTokens(),
                    masker.mask(result.reason()));
        } finally {
            MDC.remove(RUN_ID);
            MDC.remove(AGENT);
            MDC.remove(STEP);
        }
    }

    private String text(String label, String value) {
        return content && value != null ? label + masker.mask(value) : "";
    }
}
