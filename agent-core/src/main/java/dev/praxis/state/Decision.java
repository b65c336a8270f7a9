package dev.praxis.state;

import java.util.Objects;

/**
 * A person's answer to a call that waits for approval (or to an {@link AskHuman} question),
 * passed to {@code LlmAgent.resume(runId, decision)}.
 */
public sealed interface Decision {

    /** Run the call as the model asked. */
    record Approve() implements Decision {
    }

    /** Do not run the call; the model is told it was denied and {@code reason}. */
    record Deny(String reason) implements Decision {
        /** Rejects a blank reason: the model needs it to explain or try another way. */
        public Deny {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a denial needs a reason the model can read");
            }
        }
    }

    /** Run the call with {@code arguments} (JSON) instead; the model is told they were changed. */
    record Edit(String arguments) implements Decision {
        /** Rejects null arguments. */
        public Edit {
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** Do not run the call; {@code text} is its result (the answer to an {@code ask_human} question). */
    record Answer(String text) implements Decision {
        /** Rejects a null answer. */
        public Answer {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Approve. */
    static Decision approve() {
        return new Approve();
    }

    /** Deny with {@code reason}. */
    static Decision deny(String reason) {
        return new Deny(reason);
    }

    /** Run with other {@code arguments}. */
    static Decision edit(String arguments) {
        return new Edit(arguments);
    }

    /** Answer with {@code text}. */
    static Decision answer(String text) {
        return new Answer(text);
    }
}
