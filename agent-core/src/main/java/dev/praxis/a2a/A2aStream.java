package dev.praxis.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One {@code message/stream} answer: Server-Sent Events, each a JSON-RPC response carrying an
 * A2A stream event. First the task ({@code submitted}), then {@code working}, then the answer
 * as artifact updates while the model writes it (for an {@link LlmAgent} that streams), then
 * the whole answer as the artifact's last chunk, and last a status update with
 * {@code final: true} in the run's end state.
 */
final class A2aStream {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final OutputStream out;
    private final JsonNode id;
    private final String taskId = UUID.randomUUID().toString();
    private final String contextId;
    private final String artifactId = UUID.randomUUID().toString();
    private final Clock clock;
    private boolean streamed;

    private A2aStream(OutputStream out, JsonNode id, String contextId, Clock clock) {
        this.out = out;
        this.id = id;
        this.contextId = contextId;
        this.clock = clock;
    }

    /**
     * Runs {@code agent} on the message and streams the run to {@code exchange}; returns the
     * final task, for {@code tasks/get}.
     *
     * @param run runs the agent (with a listener for partial text, when it can take one)
     */
    static JsonNode serve(HttpExchange exchange, JsonNode id, JsonNode message, String contextId, Clock clock,
                          Function<AgentListener, AgentResult> run) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            A2aStream stream = new A2aStream(out, id, contextId, clock);
            ObjectNode submitted = JSON.objectNode().put("kind", "task").put("id", stream.taskId)
                    .put("contextId", contextId);
            submitted.putObject("status").put("state", "submitted").put("timestamp", clock.instant().toString());
            submitted.putArray("history").add(message);
            stream.emit(submitted);
            stream.emit(stream.status("working", false, Optional.empty()));
            AgentResult result;
            try {
                result = run.apply(stream::onEvent);
            } catch (RuntimeException e) {
                // an Agent must not throw; the stream still ends with a final state
                result = new AgentResult(stream.taskId, Status.FAILED, "", List.of(), Usage.ZERO,
                        "the agent failed: " + e.getClass().getSimpleName());
            }
            return stream.finish(message, result);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away
        }
    }

    /** How to run {@code agent} with a listener of its own for this stream, if it can take one. */
    static Function<AgentListener, Agent> withListener(Agent agent) {
        return listener -> agent instanceof LlmAgent llm ? llm.toBuilder().listener(listener).build() : agent;
    }

    private void onEvent(AgentEvent event) {
        if (event instanceof AgentEvent.PartialText partial && !partial.text().isEmpty()) {
            emit(artifact(partial.text(), streamed, false));
            streamed = true;
        }
    }

    private JsonNode finish(JsonNode message, AgentResult result) {
        JsonNode task = A2aMessages.task(taskId, contextId, message, result, clock.instant());
        if (result.completed()) {
            // the whole answer replaces what was streamed (a guardrail may have rewritten it)
            emit(artifact(result.output(), false, true));
        }
        JsonNode statusMessage = task.path("status").path("message");
        emit(status(task.path("status").path("state").asText(), true,
                statusMessage.isObject() ? Optional.of(statusMessage) : Optional.empty()));
        return task;
    }

    private ObjectNode artifact(String text, boolean append, boolean lastChunk) {
        ObjectNode event = JSON.objectNode().put("kind", "artifact-update").put("taskId", taskId)
                .put("contextId", contextId).put("append", append).put("lastChunk", lastChunk);
        ObjectNode artifact = event.putObject("artifact").put("artifactId", artifactId).put("name", "answer");
        artifact.putArray("parts").addObject().put("kind", "text").put("text", text);
        return event;
    }

    private ObjectNode status(String state, boolean last, Optional<JsonNode> message) {
        ObjectNode event = JSON.objectNode().put("kind", "status-update").put("taskId", taskId)
                .put("contextId", contextId).put("final", last);
        ObjectNode status = event.putObject("status").put("state", state).put("timestamp", clock.instant().toString());
        message.ifPresent(m -> status.set("message", m));
        return event;
    }

    private synchronized void emit(JsonNode event) {
        try {
            out.write(("data: " + A2aMessages.result(id, event) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
