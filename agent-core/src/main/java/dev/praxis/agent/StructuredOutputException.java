package dev.praxis.agent;

import dev.praxis.PraxisException;

import java.util.List;

/**
 * An agent could not produce an answer of the requested type: the run did not complete, or
 * every attempt's answer failed to parse or validate. Carries the last raw answer and every
 * attempt's error, so nothing the model said is lost.
 */
public final class StructuredOutputException extends PraxisException {

    private static final long serialVersionUID = 1L;

    private final String rawText;
    private final transient List<String> errors;
    private final transient AgentResult lastRun;

    StructuredOutputException(String message, String rawText, List<String> errors, AgentResult lastRun) {
        super(message);
        this.rawText = rawText;
        this.errors = List.copyOf(errors);
        this.lastRun = lastRun;
    }

    /**
     * The model's last answer, verbatim as the agent's output guard left it (masked or
     * withheld, when it has guardrails); {@code ""} if the run ended without one.
     */
    public String rawText() {
        return rawText;
    }

    /** Why each attempt's answer was rejected, in order. */
    public List<String> errors() {
        return errors;
    }

    /** The last run, with its status, reason, steps and usage. */
    public AgentResult lastRun() {
        return lastRun;
    }
}
