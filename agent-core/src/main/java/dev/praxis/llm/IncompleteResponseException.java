package dev.praxis.llm;

/**
 * The model server answered, but not with a usable chat response: the stream ended without a
 * finish reason (cut off), the answer had no content, or the body was not a chat response at
 * all (an HTML error page, garbage). {@link #kind()} says which. A cut stream is retriable
 * (the connection broke); the others are not: the same server gives the same body again.
 */
public class IncompleteResponseException extends LlmException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the response. */
    public enum Kind {
        /** A stream ended without a finish reason (no {@code finish_reason}, {@code [DONE]} or stop event). */
        STREAM_CUT,
        /** The answer had neither text nor tool calls ({@code content: null}, no {@code choices}). */
        NO_CONTENT,
        /** The body could not be read as a chat response (HTML, garbage, wrong JSON). */
        MALFORMED
    }

    private final Kind kind;

    /** A response failure of {@code kind}, caused by {@code cause} (nullable). */
    public IncompleteResponseException(Kind kind, String message, Throwable cause) {
        super(message, cause, kind == Kind.STREAM_CUT);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** What was wrong with the response. */
    public Kind kind() {
        return kind;
    }
}
