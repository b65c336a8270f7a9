package dev.praxis.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A remote A2A agent as a local {@link Agent}, so it can join a team: each run sends one
 * {@code message/send} and maps the answer (a message, or a task by its state) to an
 * {@link AgentResult}. Like every agent it never throws from {@link #run}: an unreachable
 * server, an HTTP error, a JSON-RPC error or a failed task end as {@link Status#FAILED} with a
 * reason naming the remote agent. A request's session becomes the A2A context, so a
 * conversation continues remotely too. The request's delegation chain travels in the message's
 * metadata, so agents that call each other across servers still stop at the depth limit.
 * Steps and usage of the remote run are not reported.
 *
 * <pre>{@code
 * Agent remote = A2aAgent.connect(URI.create("http://10.0.0.5:8080/"));
 * Team team = Sequence.of("chain", Member.of("local", local), Member.of("remote", remote));
 * }</pre>
 */
public final class A2aAgent implements Agent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTEXT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final AgentCard card;
    private final HttpClient http;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();

    private A2aAgent(AgentCard card, HttpClient http, Duration timeout) {
        this.card = card;
        this.http = http;
        this.timeout = timeout;
    }

    /** Connects with a 5-minute timeout per message; see {@link #connect(URI, Duration)}. */
    public static A2aAgent connect(URI base) {
        return connect(base, Duration.ofMinutes(5));
    }

    /**
     * Fetches the agent card at {@code base}{@code /.well-known/agent-card.json}.
     *
     * @param timeout how long one message may take
     * @throws A2aException if the card cannot be fetched or read
     */
    public static A2aAgent connect(URI base, Duration timeout) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI cardUri = base.resolve("/.well-known/agent-card.json");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(cardUri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new A2aException("agent card at " + cardUri + " answered HTTP " + response.statusCode());
            }
            return new A2aAgent(AgentCard.fromJson(JSON.readTree(response.body())), http, timeout);
        } catch (IOException e) {
            throw new A2aException("cannot fetch the agent card at " + cardUri + ": " + e.getMessage(), e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new A2aException("interrupted while fetching the agent card at " + cardUri, e, true);
        }
    }

    /** The remote agent's card. */
    public AgentCard card() {
        return card;
    }

    @Override
    public AgentResult run(AgentRequest request) {
        String runId = UUID.randomUUID().toString();
        try {
            HttpResponse<String> response = http.send(rpc(request, "message/send").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return failed(runId, "answered HTTP " + response.statusCode());
            }
            JsonNode answer = JSON.readTree(response.body());
            String stopped = answer.path("result").path("metadata").path(A2aMessages.DELEGATION_STOPPED).asText("");
            if (!stopped.isEmpty()) {
                // the remote part of the tree hit the depth limit: end the local part too
                request.delegation().stop("remote agent '" + card.name() + "': " + AgentCard.abbreviate(stopped));
            }
            return answer(runId, answer);
        } catch (IOException e) {
            return failed(runId, "is unreachable at " + card.url() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AgentResult(runId, Status.CANCELLED, "", List.of(), Usage.ZERO,
                    "cancelled while waiting for remote agent '" + card.name() + "'");
        }
    }

    /**
     * Sends the request with {@code message/stream} and hands {@code onText} the answer's text
     * as the remote agent writes it (artifact chunks, in order). The result is as for
     * {@link #run}; its output is the final answer, which replaces what was streamed (the
     * remote side may have rewritten it). Never throws; a stream that ends without a final
     * state ends {@link Status#FAILED}.
     */
    public AgentResult stream(AgentRequest request, Consumer<String> onText) {
        Objects.requireNonNull(onText, "onText");
        String runId = UUID.randomUUID().toString();
        try {
            HttpResponse<Stream<String>> response = http.send(rpc(request, "message/stream")
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                response.body().close();
                return failed(runId, "answered HTTP " + response.statusCode());
            }
            try (Stream<String> lines = response.body()) {
                return new A2aEvents(card.name(), runId, onText).read(lines.iterator(), this::answer);
            }
        } catch (IOException | UncheckedIOException e) {
            return failed(runId, "is unreachable at " + card.url() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AgentResult(runId, Status.CANCELLED, "", List.of(), Usage.ZERO,
                    "cancelled while waiting for remote agent '" + card.name() + "'");
        }
    }

    private HttpRequest.Builder rpc(AgentRequest request, String method) {
        String contextId = request.scope().map(s -> contextId(s.session())).orElse(UUID.randomUUID().toString());
        ObjectNode rpc = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet())
                .put("method", method);
        rpc.putObject("params").set("message", A2aMessages.withDelegation(
                A2aMessages.message("user", request.input(), contextId, Optional.empty()), request.delegation()));
        return HttpRequest.newBuilder(URI.create(card.url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rpc.toString()));
    }

    AgentResult answer(String runId, JsonNode response) {
        if (response.has("error")) {
            JsonNode error = response.get("error");
            return failed(runId, "answered error " + error.path("code").asInt() + ": " + error.path("message").asText());
        }
        JsonNode result = response.path("result");
        if ("message".equals(result.path("kind").asText())) {
            return new AgentResult(runId, Status.COMPLETED, A2aMessages.text(result), List.of(), Usage.ZERO, "final answer");
        }
        if (!"task".equals(result.path("kind").asText())) {
            return failed(runId, "answered neither a message nor a task: " + AgentCard.abbreviate(response.toString()));
        }
        String taskId = result.path("id").asText(runId);
        String state = result.path("status").path("state").asText();
        String statusText = A2aMessages.text(result.path("status").path("message"));
        return switch (state) {
            case "completed" -> new AgentResult(taskId, Status.COMPLETED, artifacts(result), List.of(), Usage.ZERO,
                    "final answer");
            case "input-required", "auth-required" -> new AgentResult(taskId, Status.AWAITING_APPROVAL, "", List.of(),
                    Usage.ZERO, "remote agent '" + card.name() + "' needs input: " + statusText);
            case "canceled" -> new AgentResult(taskId, Status.CANCELLED, "", List.of(), Usage.ZERO,
                    "remote agent '" + card.name() + "' canceled the task: " + statusText);
            case "rejected" -> new AgentResult(taskId, Status.GUARDRAIL_TRIPPED, "", List.of(), Usage.ZERO,
                    "remote agent '" + card.name() + "' rejected the task: " + statusText);
            default -> failed(taskId, "ended the task in state '" + state + "': " + statusText);
        };
    }

    private static String artifacts(JsonNode task) {
        StringBuilder text = new StringBuilder();
        for (JsonNode artifact : task.path("artifacts")) {
            String part = A2aMessages.text(artifact);
            if (!part.isEmpty()) {
                text.append(text.length() > 0 ? "\n" : "").append(part);
            }
        }
        return text.toString();
    }

    AgentResult failed(String runId, String what) {
        return new AgentResult(runId, Status.FAILED, "", List.of(), Usage.ZERO,
                "remote agent '" + card.name() + "' " + what);
    }

    private static String contextId(String session) {
        return CONTEXT_ID.matcher(session).matches() ? session
                : UUID.nameUUIDFromBytes(session.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
