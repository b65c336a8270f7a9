package dev.praxis.llm;

/**
 * A model call ran out of its {@link Deadline}: the time the caller (usually the run's time
 * budget) gave it is over. Never retriable: trying again cannot give back the time. The agent
 * loop ends such a run {@code BUDGET_EXHAUSTED} with this message as its reason.
 */
public class DeadlineExceededException extends LlmException {

    private static final long serialVersionUID = 1L;

    /** A deadline failure saying what ran out during what. */
    public DeadlineExceededException(String message) {
        super(message, null, false);
    }
}
