package dev.praxis.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.PraxisException;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Usage;
import dev.praxis.guard.SecretMasker;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmDecorator;
import dev.praxis.team.Team;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Writes every agent event as one JSON line to a file: the input of {@code praxis trace},
 * which turns the file into a page, and a record that tools can read (the schema, version
 * {@value #SCHEMA_VERSION}, is documented in {@code docs/observability.md}). Secrets are masked
 * before anything is written ({@link SecretMasker#defaults()}); pass a mask that also redacts
 * personal data to keep that out too:
 *
 * <pre>{@code
 * SecretMasker secrets = SecretMasker.defaults();
 * PiiRedactor pii = PiiRedactor.mask();
 * try (EventLog log = EventLog.to(Path.of("run.jsonl"), text -> pii.redact(secrets.mask(text)))) {
 *     LlmAgent agent = LlmAgent.builder().llm(llm.with(Retry.upTo(3)).with(log.attempts())).listener(log).build();
 *     agent.run("...");
 * }
 * }</pre>
 *
 * <p>Thread-safe: lines from parallel tool calls and team members never mix. A write failure
 * is an {@link UncheckedIOException}, which ends the run as failed naming this listener.
 */
public final class EventLog implements AgentListener, AutoCloseable {

    /** The schema version every line carries in its {@code v} field. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final UnaryOperator<String> mask;
    private final MaskingListener masking;
    private final Clock clock;
    private final Map<String, String> agents = new ConcurrentHashMap<>();
    private final ThreadLocal<String> currentRun = new ThreadLocal<>();

    private EventLog(BufferedWriter out, UnaryOperator<String> mask, Clock clock) {
        this.out = out;
        this.mask = mask;
        this.masking = MaskingListener.of(this::write, mask);
        this.clock = clock;
    }

    /** A log appending to {@code file} (created if absent), masking secrets. */
    public static EventLog to(Path file) {
        return to(file, SecretMasker.defaults()::mask);
    }

    /**
     * A log appending to {@code file}, applying {@code mask} to every text it writes (inputs,
     * answers, tool arguments and results, reasons, errors).
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static EventLog to(Path file, UnaryOperator<String> mask) {
        return to(file, mask, Clock.systemUTC());
    }

    /** As {@link #to(Path, UnaryOperator)}, with {@code clock} for the {@code ts} field. */
    public static EventLog to(Path file, UnaryOperator<String> mask, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(clock, "clock");
        try {
            return new EventLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), mask, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event log " + file, e);
        }
    }

    @Override
    public void on(AgentEvent event) {
        masking.on(event);
    }

    /** Writes {@code team}'s structure (a {@code team} line with its Mermaid graph), for the page's team graph. */
    public void team(Team team) {
        ObjectNode line = line("team");
        line.put("name", mask.apply(team.name()));
        line.put("mermaid", team.mermaid());
        emit(line);
    }

    /**
     * A decorator that logs each failed model attempt as a {@code model_attempt_failed} line.
     * Put it inside {@code Retry} ({@code llm.with(log.attempts()).with(Retry.upTo(3))}) to see
     * every attempt a retry made.
     */
    public LlmDecorator attempts() {
        return delegate -> new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                try {
                    return delegate.chat(request);
                } catch (RuntimeException e) {
                    attemptFailed(e);
                    throw e;
                }
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                delegate.stream(request, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        handler.onPartialResponse(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        handler.onCompleteResponse(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        attemptFailed(error);
                        handler.onError(error);
                    }
                });
            }
        };
    }

    private void attemptFailed(Throwable error) {
        ObjectNode line = line("model_attempt_failed");
        String run = currentRun.get();
        if (run != null) {
            line.put("run", run);
            line.put("agent", agents.getOrDefault(run, ""));
        }
        line.put("error", mask.apply(error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage())));
        line.put("retriable", error instanceof PraxisException praxis && praxis.isRetriable());
        emit(line);
    }

    private void write(AgentEvent event) {
        ObjectNode line;
        if (event instanceof AgentEvent.RunStarted e) {
            agents.put(e.runId(), e.agent());
            line = run("run_started", e).put("input", e.input()).put("session", e.session());
        } else if (event instanceof AgentEvent.Resumed e) {
            agents.put(e.runId(), e.agent());
            line = run("resumed", e).put("step", e.step());
            calls(line.putArray("in_flight"), e.inFlight());
        } else if (event instanceof AgentEvent.Perceived e) {
            currentRun.set(e.runId());
            line = run("perceived", e).put("step", e.step()).put("messages", e.messages()).put("tools", e.tools());
        } else if (event instanceof AgentEvent.PartialText) {
            return; // the complete answer follows in model_called
        } else if (event instanceof AgentEvent.ModelCalled e) {
            line = run("model_called", e).put("step", e.step());
            AiMessage response = e.response();
            line.put("text", response.text() == null ? "" : response.text());
            ArrayNode calls = line.putArray("tool_calls");
            if (response.hasToolExecutionRequests()) {
                response.toolExecutionRequests().forEach(r -> calls.addObject().put("id", r.id() == null ? "" : r.id())
                        .put("name", r.name()).put("arguments", r.arguments()));
            }
            usage(line, e.usage());
            line.put("latency_ms", e.latency().toMillis());
        } else if (event instanceof AgentEvent.ToolStarted e) {
            line = run("tool_started", e).put("step", e.step());
            call(line.putObject("call"), e.call());
        } else if (event instanceof AgentEvent.ToolAbandoned e) {
            line = run("tool_abandoned", e).put("step", e.step());
            call(line.putObject("call"), e.call());
            line.put("reason", e.reason()).put("waited_ms", e.waited().toMillis());
        } else if (event instanceof AgentEvent.ToolFinished e) {
            line = run("tool_finished", e).put("step", e.step());
            call(line.putObject("call"), e.call());
            line.put("outcome", outcome(e.result())).put("result", e.result().text())
                    .put("duration_ms", e.duration().toMillis());
        } else if (event instanceof AgentEvent.Completed e) {
            line = end("completed", e, e.result());
        } else if (event instanceof AgentEvent.Stopped e) {
            line = end("stopped", e, e.result());
        } else {
            throw new IllegalStateException("event type the log does not know: " + event.getClass().getName());
        }
        emit(line);
    }

    private ObjectNode end(String type, AgentEvent event, AgentResult result) {
        ObjectNode line = run(type, event).put("status", result.status().name()).put("reason", result.reason())
                .put("output", result.output()).put("steps", result.steps().size());
        usage(line, result.usage());
        currentRun.remove();
        return line;
    }

    private static String outcome(ToolResult result) {
        if (result instanceof ToolResult.Ok) {
            return "ok";
        } else if (result instanceof ToolResult.Failed) {
            return "failed";
        } else if (result instanceof ToolResult.Denied) {
            return "denied";
        }
        return "awaiting_approval";
    }

    private static void usage(ObjectNode line, Usage usage) {
        line.put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens())
                .put("cost", usage.cost().toPlainString());
    }

    private static void calls(ArrayNode array, List<ToolCall> calls) {
        calls.forEach(c -> call(array.addObject(), c));
    }

    private static void call(ObjectNode node, ToolCall call) {
        node.put("id", call.id()).put("name", call.name()).put("arguments", call.arguments());
    }

    private ObjectNode run(String type, AgentEvent event) {
        return line(type).put("run", event.runId()).put("agent", agents.getOrDefault(event.runId(), ""));
    }

    private ObjectNode line(String type) {
        ObjectNode line = JSON.createObjectNode();
        line.put("v", SCHEMA_VERSION).put("ts", clock.instant().toString()).put("type", type);
        return line;
    }

    private void emit(ObjectNode line) {
        try {
            String text = JSON.writeValueAsString(line);
            synchronized (out) {
                out.write(text);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event log", e);
        }
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        try {
            synchronized (out) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the event log", e);
        }
    }
}
