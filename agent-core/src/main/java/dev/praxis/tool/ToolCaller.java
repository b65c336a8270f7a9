package dev.praxis.tool;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.Map;
import java.util.Objects;

/**
 * The party that asked for a tool call, as far as the tool can talk back to it while it runs:
 * log lines and progress for the caller to show, and requests the caller answers — a model
 * completion ({@link #sample}) or information from its user ({@link #elicit}). An MCP server
 * passes its client here; a local agent run passes {@link #NONE}.
 *
 * <p>Implementations are thread-safe. {@link #log} and {@link #progress} never throw for the
 * caller's sake (a caller that cannot show them drops them); {@link #sample} and {@link #elicit}
 * throw {@link ToolException} when the caller cannot answer, which the toolbox turns into a
 * failed call the model reads.
 */
public interface ToolCaller {

    /** A caller that hears nothing and answers nothing: log and progress are dropped. */
    ToolCaller NONE = new ToolCaller() {
    };

    /**
     * This caller as seen by one call of a step; {@link ToolContext#forCall} applies it, so a
     * caller that reports per call (the agent loop's, which turns log lines and progress into
     * events naming the call) knows which call is talking. The default is this caller itself.
     */
    default ToolCaller forCall(ToolCall call) {
        return this;
    }

    /** Severity of a {@linkplain #log log line}, as in syslog (and MCP). */
    enum Level {
        /** Detail for debugging. */
        DEBUG,
        /** Normal progress. */
        INFO,
        /** Normal but significant. */
        NOTICE,
        /** Something may go wrong. */
        WARNING,
        /** Something went wrong. */
        ERROR,
        /** A part failed. */
        CRITICAL,
        /** Someone must act now. */
        ALERT,
        /** The system is unusable. */
        EMERGENCY
    }

    /** Sends a log line to the caller; the caller may filter by level. */
    default void log(Level level, String message) {
    }

    /**
     * Reports progress: {@code done} of {@code total} units ({@code total} is
     * {@link Double#NaN} when unknown); {@code message} may be null. {@code done} should grow.
     */
    default void progress(double done, double total, String message) {
    }

    /**
     * Asks the caller's model for a completion.
     *
     * @throws ToolException when the caller offers no model, refuses, or fails
     */
    default ChatResponse sample(ChatRequest request) {
        throw new ToolException("the caller of this tool offers no model to ask");
    }

    /**
     * Asks the caller's user for structured input.
     *
     * @param message         what the user is asked, in plain words
     * @param requestedSchema a flat JSON Schema object (as parsed JSON) describing the fields
     * @return the user's answer
     * @throws ToolException when the caller cannot ask a person, or asking fails
     */
    default Elicitation elicit(String message, Map<String, Object> requestedSchema) {
        throw new ToolException("the caller of this tool cannot ask its user for input");
    }

    /** The user's answer to {@link #elicit}. */
    sealed interface Elicitation {
        /** The user submitted {@code content}, whose keys are the requested fields. */
        record Accepted(Map<String, Object> content) implements Elicitation {
            /** Copies the content. */
            public Accepted {
                content = Map.copyOf(Objects.requireNonNull(content, "content"));
            }
        }

        /** The user explicitly said no. */
        record Declined() implements Elicitation {
        }

        /** The user dismissed the question without choosing. */
        record Cancelled() implements Elicitation {
        }
    }
}
