package dev.praxis.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.Delegation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Serves an {@link Agent} over A2A (JSON-RPC 2.0 over HTTP, protocol 0.3): the agent card at
 * {@code /.well-known/agent-card.json} and the methods {@code message/send},
 * {@code message/stream} (Server-Sent Events: the task, then the answer as it is written when
 * the agent is an {@link dev.praxis.agent.LlmAgent} that streams, then the end state),
 * {@code tasks/get} and {@code tasks/cancel} at {@code /a2a}. Every message runs the agent to
 * its end and answers with a task whose state mirrors the run's status ({@code completed},
 * {@code input-required} when it waits for approval, {@code failed}, {@code rejected},
 * {@code canceled}). Each A2A context is a session of its own, so follow-up messages see the
 * conversation. Uses the JDK's HTTP server; no other dependency.
 *
 * <pre>{@code
 * try (A2aServer server = A2aServer.start(agent, card, new InetSocketAddress("127.0.0.1", 8080))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Hostile input is refused with JSON-RPC errors: bodies over 1 MiB, batches, malformed JSON,
 * context ids outside {@code [A-Za-z0-9._:-]{1,128}}, a malformed delegation chain. A chain a peer
 * sends ({@code metadata."praxis.delegation"}) counts towards the served agent's depth limit, so
 * agents calling each other across servers stop (a peer that sends no chain starts a new one).
 * Remote contexts live in the memory tenant {@code "a2a"}, apart from the application's own
 * sessions. Thread-safe.
 */
public final class A2aServer implements AutoCloseable {

    /** Largest request body accepted. */
    public static final int MAX_BODY = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(A2aServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTEXT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int KEPT_TASKS = 1000;

    private final Agent agent;
    private final HttpServer http;
    private final ExecutorService executor;
    private final AgentCard card;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, JsonNode> tasks = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > KEPT_TASKS;
        }
    };

    private A2aServer(Agent agent, AgentCard card, InetSocketAddress address) throws IOException {
        this.agent = agent;
        this.http = HttpServer.create(address, 0);
        this.executor = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "praxis-a2a");
            thread.setDaemon(true);
            return thread;
        });
        this.card = card.withUrl(uri().resolve("/a2a").toString());
        http.createContext("/.well-known/agent-card.json", this::serveCard);
        http.createContext("/a2a", this::serveRpc);
        http.setExecutor(executor);
    }

    /**
     * Starts serving {@code agent} at {@code address} (port 0 picks a free port). The card's
     * url is replaced by the endpoint actually bound.
     *
     * @throws A2aException if the address cannot be bound
     */
    public static A2aServer start(Agent agent, AgentCard card, InetSocketAddress address) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(card, "card");
        try {
            A2aServer server = new A2aServer(agent, card, address);
            server.http.start();
            return server;
        } catch (IOException e) {
            throw new A2aException("cannot serve A2A at " + address + ": " + e.getMessage(), e, false);
        }
    }

    /** The base address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        InetSocketAddress bound = http.getAddress();
        return URI.create("http://" + bound.getHostString() + ":" + bound.getPort() + "/");
    }

    /** The card as served. */
    public AgentCard card() {
        return card;
    }

    /** Stops accepting requests and ends the worker threads. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void serveCard(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "{\"error\":\"use GET\"}");
            return;
        }
        send(exchange, 200, card.toJson().toString());
    }

    private void serveRpc(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, A2aMessages.error(null, A2aMessages.INVALID_REQUEST, "use POST").toString());
            return;
        }
        Optional<byte[]> body = read(exchange.getRequestBody());
        if (body.isEmpty()) {
            send(exchange, 200, A2aMessages.error(null, A2aMessages.INVALID_REQUEST, "request body over " + MAX_BODY
                    + " bytes").toString());
            return;
        }
        JsonNode request = parse(body.get());
        if (!request.has("error") && "message/stream".equals(request.path("method").asText())) {
            stream(exchange, request.get("id"), request.path("params"));
            return;
        }
        send(exchange, 200, (request.has("error") ? request : handle(request)).toString());
    }

    /** The request, or a JSON-RPC error response (it has {@code error}) if it is not a valid one. */
    private static JsonNode parse(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return A2aMessages.error(null, A2aMessages.PARSE_ERROR, "not valid JSON");
        }
        if (request == null || !request.isObject()) {
            return A2aMessages.error(null, A2aMessages.INVALID_REQUEST,
                    "expected one JSON-RPC request object (batches are not supported)");
        }
        JsonNode id = request.path("id").isMissingNode() ? null : request.get("id");
        if (!"2.0".equals(request.path("jsonrpc").asText()) || !request.path("method").isTextual()
                || request.has("error")) {
            return A2aMessages.error(id, A2aMessages.INVALID_REQUEST, "expected jsonrpc \"2.0\" and a method");
        }
        return request;
    }

    private void stream(HttpExchange exchange, JsonNode id, JsonNode params) throws IOException {
        Optional<JsonNode> invalid = invalid(id, params);
        if (invalid.isPresent()) {
            send(exchange, 200, invalid.get().toString());
            return;
        }
        JsonNode message = params.get("message");
        String contextId = contextId(message);
        MemoryScope scope = new MemoryScope("a2a", "remote", "a2a", contextId);
        Function<AgentListener, Agent> variant = A2aStream.withListener(agent);
        JsonNode task = A2aStream.serve(exchange, id, message, contextId, clock,
                listener -> variant.apply(listener).run(AgentRequest.of(A2aMessages.text(message)).inSession(scope)
                        .delegatedBy(A2aMessages.delegation(message).orElseThrow())));
        synchronized (tasks) {
            tasks.put(task.path("id").asText(), task);
        }
    }

    private JsonNode handle(JsonNode request) {
        JsonNode id = request.path("id").isMissingNode() ? null : request.get("id");
        JsonNode params = request.path("params");
        try {
            return switch (request.get("method").asText()) {
                case "message/send" -> send(id, params);
                case "tasks/get" -> task(id, params, false);
                case "tasks/cancel" -> task(id, params, true);
                default -> A2aMessages.error(id, A2aMessages.METHOD_NOT_FOUND, "method '"
                        + AgentCard.abbreviate(request.get("method").asText()) + "' is not supported");
            };
        } catch (RuntimeException e) {
            log.warn("A2A request failed inside the served agent", e);
            return A2aMessages.error(id, A2aMessages.INTERNAL_ERROR, "the agent failed: " + e.getClass().getSimpleName());
        }
    }

    /** An error response if {@code params} do not carry a user message with text and a valid context id. */
    private static Optional<JsonNode> invalid(JsonNode id, JsonNode params) {
        JsonNode message = params.path("message");
        if (!message.isObject() || !"user".equals(message.path("role").asText())) {
            return Optional.of(A2aMessages.error(id, A2aMessages.INVALID_PARAMS,
                    "params.message must be a message with role 'user'"));
        }
        if (A2aMessages.text(message).isBlank()) {
            return Optional.of(A2aMessages.error(id, A2aMessages.INVALID_PARAMS, "the message has no text part"));
        }
        if (message.has("contextId") && !CONTEXT_ID.matcher(message.path("contextId").asText()).matches()) {
            return Optional.of(A2aMessages.error(id, A2aMessages.INVALID_PARAMS, "contextId must match "
                    + CONTEXT_ID.pattern()));
        }
        if (A2aMessages.delegation(message).isEmpty()) {
            return Optional.of(A2aMessages.error(id, A2aMessages.INVALID_PARAMS, "metadata." + A2aMessages.DELEGATION
                    + " must hold a 'chain' of agent names and optionally a positive 'maxDepth'"));
        }
        return Optional.empty();
    }

    private static String contextId(JsonNode message) {
        return message.has("contextId") ? message.path("contextId").asText() : UUID.randomUUID().toString();
    }

    private JsonNode send(JsonNode id, JsonNode params) {
        Optional<JsonNode> invalid = invalid(id, params);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        JsonNode message = params.get("message");
        String text = A2aMessages.text(message);
        String contextId = contextId(message);
        Delegation delegation = A2aMessages.delegation(message).orElseThrow(); // validated by invalid()
        MemoryScope scope = new MemoryScope("a2a", "remote", "a2a", contextId);
        AgentResult result = agent.run(AgentRequest.of(text).inSession(scope).delegatedBy(delegation));
        String taskId = UUID.randomUUID().toString();
        JsonNode task = A2aMessages.task(taskId, contextId, message, result, clock.instant(),
                delegation.stopped());
        synchronized (tasks) {
            tasks.put(taskId, task);
        }
        return A2aMessages.result(id, task);
    }

    private JsonNode task(JsonNode id, JsonNode params, boolean cancel) {
        JsonNode task;
        synchronized (tasks) {
            task = tasks.get(params.path("id").asText(""));
        }
        if (task == null) {
            return A2aMessages.error(id, A2aMessages.TASK_NOT_FOUND, "task not found");
        }
        if (cancel) {
            return A2aMessages.error(id, A2aMessages.TASK_NOT_CANCELABLE,
                    "task is in state " + task.path("status").path("state").asText() + " and cannot be canceled");
        }
        return A2aMessages.result(id, task);
    }

    private static Optional<byte[]> read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(bytes);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
