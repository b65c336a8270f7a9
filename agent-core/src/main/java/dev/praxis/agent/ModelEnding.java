package dev.praxis.agent;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.llm.DeadlineExceededException;
import dev.praxis.llm.IncompleteResponseException;

import java.util.Optional;

/**
 * How a run ends when its model call did not give a usable answer: the loop asks this after
 * every model call and when a call fails, and ends the run with the status and reason it gets
 * back. Running out of the run's time inside a call is {@link Status#BUDGET_EXHAUSTED}, never
 * {@link Status#COMPLETED}; an answer cut off (output limit, content filter, a broken stream or
 * body) is {@link Status#FAILED} with the cause named. Stateless.
 */
final class ModelEnding {

    /** A run's end: its status and the reason a person reads. */
    record Ending(Status status, String reason) {
    }

    private ModelEnding() {
    }

    /**
     * Why the run must end after the model answered {@code response} at {@code step}, if it
     * must: its time ran out while the model answered, or the answer was cut off.
     */
    static Optional<Ending> afterResponse(Run run, int step, ChatResponse response) {
        Optional<String> late = run.exhaustedTime();
        if (late.isPresent()) {
            return Optional.of(new Ending(Status.BUDGET_EXHAUSTED, late.get() + " during the model call at step "
                    + step + "; its answer came too late to be used"));
        }
        if (response.aiMessage().hasToolExecutionRequests()) {
            return Optional.empty();
        }
        FinishReason finish = response.finishReason();
        if (finish == FinishReason.LENGTH) {
            return Optional.of(new Ending(Status.FAILED, "answer cut off at step " + step + ": the model stopped at its"
                    + " output token limit (finish reason LENGTH) and up to " + ModelCall.CONTINUATIONS
                    + " continuation calls within the time left did not finish it; the partial text is the output"));
        }
        if (finish == FinishReason.CONTENT_FILTER) {
            return Optional.of(new Ending(Status.FAILED, "answer withheld at step " + step
                    + ": the provider's content filter stopped it (finish reason CONTENT_FILTER)"));
        }
        return Optional.empty();
    }

    /** The end of a run whose model call at {@code step} failed with {@code error}. */
    static Ending afterFailure(int step, Throwable error, boolean interrupted) {
        if (interrupted) {
            return new Ending(Status.CANCELLED, "cancelled during the model call at step " + step + ": "
                    + describe(error));
        }
        if (error instanceof DeadlineExceededException) {
            return new Ending(Status.BUDGET_EXHAUSTED, "time budget exhausted during the model call at step " + step
                    + ": " + error.getMessage());
        }
        if (error instanceof IncompleteResponseException incomplete) {
            return new Ending(Status.FAILED, "model answer unusable at step " + step + " (" + incomplete.kind() + "): "
                    + error.getMessage());
        }
        return new Ending(Status.FAILED, "model call failed at step " + step + ": " + describe(error));
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "the client returned no message";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
