package dev.praxis.tool;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one tool call. Every outcome, including failures, becomes a message the
 * model reads ({@link #text()}), so the model can recover: correct its arguments, try
 * another tool, or explain the problem to the user.
 */
public sealed interface ToolResult {

    /** What the model sees as the tool's answer. */
    String text();

    /**
     * The tool ran and produced {@code content}, and possibly parts beside it that are not text.
     *
     * @param content     the text the tool produced; what guards, caps and events see
     * @param attachments images, audio, PDFs or {@link dev.praxis.content.EmbeddedResource}s that go
     *                    to the model with the text, in order; empty for a text-only result
     */
    record Ok(String content, List<Content> attachments) implements ToolResult {
        /**
         * Rejects null components; text belongs in {@code content}, not among the attachments.
         *
         * @throws IllegalArgumentException if an attachment is a {@link TextContent}
         */
        public Ok {
            Objects.requireNonNull(content, "content");
            attachments = List.copyOf(attachments);
            for (Content part : attachments) {
                if (part instanceof TextContent) {
                    throw new IllegalArgumentException("text goes into a result's content, not its attachments");
                }
            }
        }

        /** A text-only result. */
        public Ok(String content) {
            this(content, List.of());
        }

        /** This result with {@code newContent} as its text and the same attachments (after redaction, a cap). */
        public Ok withContent(String newContent) {
            return new Ok(newContent, attachments);
        }

        @Override
        public String text() {
            return content;
        }
    }

    /**
     * The tool did not produce a result.
     *
     * @param error     what went wrong, phrased for the model
     * @param retriable whether the same call may succeed if repeated
     */
    record Failed(String error, boolean retriable) implements ToolResult {
        /** Rejects a null error. */
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String text() {
            return "Error: " + error;
        }
    }

    /** The call was not allowed to run (policy, approval, guard); {@code reason} says why. */
    record Denied(String reason) implements ToolResult {
        /** Rejects a null reason. */
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String text() {
            return "Denied: " + reason;
        }
    }

    /**
     * The call did not run because a person has been asked to approve it and has not answered
     * yet (an {@link ApprovalHandler} returned {@link ApprovalDecision.AskPerson}). A loop that
     * supports asynchronous approval stops the run here and resumes later; the call is
     * identified by {@code idempotencyKey}, so on resume the same call can be approved or denied.
     *
     * @param question       what the person was asked
     * @param idempotencyKey the key of the pending call (see {@link ToolContext#idempotencyKey()})
     */
    record AwaitingApproval(String question, String idempotencyKey) implements ToolResult {
        /** Rejects null components. */
        public AwaitingApproval {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }

        @Override
        public String text() {
            return "Awaiting approval: " + question + " The call has not run yet.";
        }
    }

    /** Shorthand for {@link Ok}. */
    static ToolResult ok(String content) {
        return new Ok(content);
    }

    /**
     * An {@link Ok} with {@code text} and non-text {@code attachments} (images, audio, documents)
     * for the model, e.g. {@code ToolResult.ok("The chart:", List.of(ImageContent.from(png, "image/png")))}.
     */
    static ToolResult ok(String text, List<Content> attachments) {
        return new Ok(text, attachments);
    }

    /** Shorthand for a non-retriable {@link Failed}. */
    static ToolResult failed(String error) {
        return new Failed(error, false);
    }
}
