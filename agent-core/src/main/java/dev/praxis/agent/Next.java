package dev.praxis.agent;

import java.util.Objects;

/**
 * What one turn of the loop decided; the loop only dispatches on it. Every way a run can go
 * on or end is one of these values, never an exception or a side return.
 */
sealed interface Next {

    /** Take another turn. */
    Next CONTINUE = new Continue();

    /** The run has its final answer (recorded); it ends {@link Status#COMPLETED}. */
    Next ANSWER = new Answer("final answer");

    /** The run waits for a person to decide on its pending calls; it ends {@link Status#AWAITING_APPROVAL}. */
    Next PAUSE = new Pause();

    /** Ends the run with {@code status} for {@code reason}. */
    static Next stop(Status status, String reason) {
        return new Stop(status, reason);
    }

    /** Another turn follows. */
    record Continue() implements Next {
    }

    /** The final answer is recorded; {@code reason} says how it came about. */
    record Answer(String reason) implements Next {
        public Answer {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The run stops with a status other than completed or paused. */
    record Stop(Status status, String reason) implements Next {
        public Stop {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            if (status == Status.COMPLETED || status == Status.AWAITING_APPROVAL) {
                throw new IllegalArgumentException(status + " is an answer or a pause, not a stop");
            }
        }
    }

    /** The run pauses for approval. */
    record Pause() implements Next {
    }
}
