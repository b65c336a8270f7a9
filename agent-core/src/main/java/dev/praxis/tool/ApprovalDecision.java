package dev.praxis.tool;

import java.util.Objects;

/**
 * What an {@link ApprovalPolicy} (or the person behind an {@link ApprovalHandler}) decides
 * about one tool call.
 *
 * <ul>
 *   <li>{@link Allow}: the call runs.</li>
 *   <li>{@link Deny}: the call does not run; the model receives {@link ToolResult.Denied}
 *       with the reason, so it can explain or choose another way.</li>
 *   <li>{@link AskPerson}: from a policy, "a person must decide": the toolbox passes the
 *       question to its {@link ApprovalHandler}. From a handler, "the person has been asked
 *       and will answer later": the call does not run and its result is
 *       {@link ToolResult.AwaitingApproval}, which an asynchronous loop turns into a paused run.</li>
 * </ul>
 */
public sealed interface ApprovalDecision {

    /** Run the call. */
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

    /** A request to ask a person {@code question}. */
    static ApprovalDecision askPerson(String question) {
        return new AskPerson(question);
    }
}
