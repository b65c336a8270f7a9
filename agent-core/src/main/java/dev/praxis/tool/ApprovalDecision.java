package dev.praxis.tool;

import java.util.Objects;

/**
 * The one decision about a call that needs approval, whether an {@link ApprovalPolicy} or a
 * synchronous {@link ApprovalHandler} gives it while the call waits, or a person gives it later
 * to {@code agent.resume(runId, decision)} for a paused run.
 *
 * <ul>
 *   <li>{@link Allow}: the call runs (validated, under its timeout and limits).</li>
 *   <li>{@link Deny}: the call does not run; the model receives {@link ToolResult.Denied}
 *       with the reason, so it can explain or choose another way.</li>
 *   <li>{@link Edit}: the call runs with other arguments (validated again); the model is told
 *       they were changed.</li>
 *   <li>{@link Answer}: the call does not run; the text is its result (the answer to an
 *       {@code ask_human} question).</li>
 *   <li>{@link AskPerson}: from a policy, "a person must decide": the toolbox passes the
 *       question to its {@link ApprovalHandler}. From a handler, "the person has been asked
 *       and will answer later": the call does not run and its result is
 *       {@link ToolResult.AwaitingApproval}, which an asynchronous loop turns into a paused run.
 *       Given to {@code resume}, the call stays pending.</li>
 * </ul>
 */
public sealed interface ApprovalDecision {

    /** Run the call as the model asked. */
    record Allow() implements ApprovalDecision {
    }

    /** Do not run the call; {@code reason} is shown to the model. */
    record Deny(String reason) implements ApprovalDecision {
        /** Rejects a null or blank reason: a denial must be explained. */
        public Deny {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a denial needs a reason the model can read");
            }
        }
    }

    /** Run the call with {@code arguments} (a JSON object) instead; the model is told they were changed. */
    record Edit(String arguments) implements ApprovalDecision {
        /** Rejects null arguments. */
        public Edit {
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** Do not run the call; {@code text} is its result (the answer to an {@code ask_human} question). */
    record Answer(String text) implements ApprovalDecision {
        /** Rejects a null answer. */
        public Answer {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A person must decide; {@code question} is what they are asked. */
    record AskPerson(String question) implements ApprovalDecision {
        /** Rejects a null question. */
        public AskPerson {
            Objects.requireNonNull(question, "question");
        }
    }

    /** The allow decision. */
    static ApprovalDecision allow() {
        return new Allow();
    }

    /** A denial with {@code reason}. */
    static ApprovalDecision deny(String reason) {
        return new Deny(reason);
    }

    /** Run with other {@code arguments} (JSON). */
    static ApprovalDecision edit(String arguments) {
        return new Edit(arguments);
    }

    /** Answer the call with {@code text} instead of running it. */
    static ApprovalDecision answer(String text) {
        return new Answer(text);
    }

    /** A request to ask a person {@code question}. */
    static ApprovalDecision askPerson(String question) {
        return new AskPerson(question);
    }
}
