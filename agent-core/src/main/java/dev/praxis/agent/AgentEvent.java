package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.List;

/**
 * Everything an agent does, as an immutable value. A run emits {@link RunStarted}, then per
 * step {@link Perceived}, {@link ModelCalled} and for each tool call {@link ToolStarted} and
 * {@link ToolFinished} (all of a step's {@code ToolStarted} before its calls run, its
 * {@code ToolFinished} after they all returned, in call order), and ends with exactly one
 * {@link Completed} or {@link Stopped}.
 */
public sealed interface AgentEvent {

    /** The run this event belongs to. */
    String runId();

    /** A run began; {@code session} is the session id or {@code ""} for a stateless run. */
    record RunStarted(String runId, String agent, String session, String input) implements AgentEvent {
    }

    /**
     * A run continues from its checkpoint at {@code step}; {@code inFlight} are the
     * side-effecting calls that were running when it stopped, which are reported to the model
     * as interrupted and not repeated.
     */
    record Resumed(String runId, String agent, int step, List<ToolCall> inFlight) implements AgentEvent {
        /** Copies the calls. */
        public Resumed {
            inFlight = List.copyOf(inFlight);
        }
    }

    /**
     * The prompt for {@code step} is assembled: {@code request} is what the model is sent (system
     * prompt, remembered history, the run so far, the tools offered), as the agent built it before
     * any {@link dev.praxis.llm.LlmDecorator} sees it. Training data and audits read it; listeners
     * that only count use {@link #messages()} and {@link #tools()}.
     */
    record Perceived(String runId, int step, ChatRequest request) implements AgentEvent {
        /** Rejects a null request. */
        public Perceived {
            java.util.Objects.requireNonNull(request, "request");
        }

        /** How many messages the prompt holds. */
        public int messages() {
            return request.messages().size();
        }

        /** How many tools the model is offered. */
        public int tools() {
            return request.toolSpecifications() == null ? 0 : request.toolSpecifications().size();
        }
    }

    /** A piece of the model's answer for {@code step} as it streams (agents built with {@code streaming(true)}). */
    record PartialText(String runId, int step, String text) implements AgentEvent {
    }

    /** The model answered for {@code step}. */
    record ModelCalled(String runId, int step, AiMessage response, Usage usage, Duration latency) implements AgentEvent {
    }

    /** A tool call is about to run. */
    record ToolStarted(String runId, int step, ToolCall call) implements AgentEvent {
    }

    /** A tool call ended with {@code result}. */
    record ToolFinished(String runId, int step, ToolCall call, ToolResult result, Duration duration)
            implements AgentEvent {
    }

    /**
     * A running tool call sent a log line (e.g. an MCP server's {@code notifications/message}
     * during the call). Emitted on the tool's thread, between the call's {@link ToolStarted} and
     * {@link ToolFinished}.
     */
    record ToolLog(String runId, int step, ToolCall call, ToolCaller.Level level, String message)
            implements AgentEvent {
    }

    /**
     * A running tool call reported progress: {@code done} of {@code total} ({@link Double#NaN}
     * when unknown), with an optional {@code message} (null when none). Emitted on the tool's
     * thread while the call runs, e.g. for an MCP server's {@code notifications/progress}.
     */
    record ToolProgress(String runId, int step, ToolCall call, double done, double total, String message)
            implements AgentEvent {
    }

    /**
     * A tool call was given up before it returned: it outlived its deadline (the smaller of
     * its own timeout and the time the run had left) or the run was cancelled. The tool was
     * not interrupted; it keeps its thread until it returns, may still take effect, and its
     * late result is dropped. {@code waited} is how long the run waited for it; {@code reason}
     * is what the model was told. A {@link ToolFinished} with that failure follows.
     */
    record ToolAbandoned(String runId, int step, ToolCall call, Duration waited, String reason)
            implements AgentEvent {
    }

    /** The run ended with a final answer. */
    record Completed(String runId, AgentResult result) implements AgentEvent {
    }

    /** The run ended without a final answer; {@code result.status()} and {@code reason()} say why. */
    record Stopped(String runId, AgentResult result) implements AgentEvent {
    }
}
