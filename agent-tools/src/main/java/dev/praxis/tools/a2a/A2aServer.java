package dev.praxis.tools.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.praxis.agent.Agent;
import io.a2a.server.ServerCallContext;
import io.a2a.server.auth.UnauthenticatedUser;
import io.a2a.server.events.InMemoryQueueManager;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import io.a2a.server.tasks.BasePushNotificationSender;
import io.a2a.server.tasks.InMemoryPushNotificationConfigStore;
import io.a2a.server.tasks.InMemoryTaskStore;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.CancelTaskRequest;
import io.a2a.spec.GetTaskRequest;
import io.a2a.spec.InvalidParamsError;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONParseError;
import io.a2a.spec.JSONRPCError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.NonStreamingJSONRPCRequest;
import io.a2a.spec.SendMessageRequest;
import io.a2a.spec.SendStreamingMessageRequest;
import io.a2a.spec.Task;
import io.a2a.spec.TaskNotFoundError;
import io.a2a.spec.TaskState;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.a2a.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves a Praxis {@link Agent} over A2A (protocol 0.3, JSON-RPC 2.0 over HTTP) through the A2A
 * Java SDK's server side (its {@code DefaultRequestHandler} and {@code JSONRPCHandler}, in-memory
 * task store and queues) on the JDK's HTTP server, without an application container: the card at
 * {@code /.well-known/agent-card.json}, JSON-RPC at {@code /a2a} with {@code message/send},
 * {@code message/stream} (Server-Sent Events: the task, {@code working}, the answer as the model
 * writes it, the end state), {@code tasks/get} and {@code tasks/cancel}. Each A2A context is a
 * session of its own (memory tenant {@code a2a}), so follow-up messages see the conversation.
 * Needs the optional {@code io.github.a2asdk} server and client artifacts on the classpath.
 *
 * <pre>{@code
 * AgentCard card = A2aServer.card("calculator", "Does arithmetic");
 * try (A2aServer server = A2aServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0))) {
 *     Agent remote = A2aAgent.connect(server.uri());
 * }
 * }</pre>
 *
 * <p>Hostile input is refused with JSON-RPC errors: bodies over 1 MiB, batches, malformed JSON,
 * context ids outside {@code [A-Za-z0-9._:-]{1,128}}, a malformed delegation chain. A chain a
 * peer sends ({@code metadata."praxis.delegation"}) counts towards the served agent's depth
 * limit, so agents calling each other across servers stop. Thread-safe.
 */
public final class A2aServer implements AutoCloseable {

    /** Largest request body accepted. */
    public static final int MAX_BODY = 1 << 20;
    /** The A2A protocol version of the cards {@link #card} makes. */
    public static final String PROTOCOL_VERSION = "0.3.0";
    private static final Logger log = LoggerFactory.getLogger(A2aServer.class);
    private static final int MAX_THREADS = 64;
    private static final Set<String> SERVED = Set.of(SendMessageRequest.METHOD, GetTaskRequest.METHOD,
            CancelTaskRequest.METHOD);

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ExecutorService agentThreads;
    private final JSONRPCHandler handler;
    private final AgentCard card;
    private final InMemoryTaskStore tasks = new InMemoryTaskStore();

    private A2aServer(Agent agent, AgentCard template, InetSocketAddress address) throws IOException {
        this.http = HttpServer.create(address, 0);
        // apart, so requests waiting for runs never starve the runs (agents calling each other through servers)
        this.httpThreads = threads("praxis-a2a-http");
        this.agentThreads = threads("praxis-a2a-run");
        this.card = new AgentCard.Builder(template).url(uri().resolve("/a2a").toString()).build();
        InMemoryPushNotificationConfigStore push = new InMemoryPushNotificationConfigStore();
        DefaultRequestHandler requests = DefaultRequestHandler.create(new PraxisAgentExecutor(agent), tasks,
                new InMemoryQueueManager(tasks), push, new BasePushNotificationSender(push), agentThreads);
        this.handler = new JSONRPCHandler(card, requests, agentThreads);
        http.createContext("/.well-known/agent-card.json", this::serveCard);
        http.createContext("/a2a", this::serveRpc);
        http.setExecutor(httpThreads);
    }

    private static ExecutorService threads(String name) {
        return new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A card for an agent that takes and gives text and streams: protocol {@value #PROTOCOL_VERSION},
     * JSON-RPC, version {@code 1.0}; the url is set when the server starts.
     *
     * @param skills what the agent can do; none is allowed
     */
    public static AgentCard card(String name, String description, AgentSkill... skills) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        return new AgentCard.Builder().name(name).description(description).url("http://localhost/a2a")
                .version("1.0").protocolVersion(PROTOCOL_VERSION).preferredTransport("JSONRPC")
                .capabilities(new AgentCapabilities.Builder().streaming(true).build())
                .defaultInputModes(List.of("text/plain")).defaultOutputModes(List.of("text/plain"))
                .skills(List.of(skills)).build();
    }

    /**
     * Starts serving {@code agent} at {@code address} (port 0 picks a free one); the card's url
     * becomes the endpoint actually bound.
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
        httpThreads.shutdownNow();
        agentThreads.shutdownNow();
    }

    private void serveCard(HttpExchange exchange) throws IOException {
        send(exchange, Utils.toJsonString(card));
    }

    private void serveRpc(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (!"POST".equals(exchange.getRequestMethod()) || body.length > MAX_BODY) {
            send(exchange, error(null, new InvalidRequestError(
                    "send one JSON-RPC request by POST, at most " + MAX_BODY + " bytes")));
            return;
        }
        JsonNode tree;
        try {
            tree = Utils.OBJECT_MAPPER.readTree(body);
        } catch (IOException e) {
            send(exchange, error(null, new JSONParseError("not valid JSON")));
            return;
        }
        if (tree == null || !tree.isObject()) {
            send(exchange, error(null, new InvalidRequestError(
                    "expected one JSON-RPC request object (batches are not supported)")));
            return;
        }
        Object id = tree.has("id") ? Utils.OBJECT_MAPPER.convertValue(tree.get("id"), Object.class) : null;
        Optional<JSONRPCError> invalid = invalidMessage(tree).or(() -> notContinuable(tree));
        if (invalid.isPresent()) {
            send(exchange, error(id, invalid.get()));
            return;
        }
        ServerCallContext context = new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), Set.of());
        if (SendStreamingMessageRequest.METHOD.equals(tree.path("method").asText())) {
            SendStreamingMessageRequest request;
            try {
                request = Utils.OBJECT_MAPPER.treeToValue(tree, SendStreamingMessageRequest.class);
            } catch (IOException | IllegalArgumentException e) {
                send(exchange, error(id, new InvalidParamsError("not an A2A message/stream request: " + firstLine(e))));
                return;
            }
            SseWriter.write(exchange, handler.onMessageSendStream(request, context));
            return;
        }
        send(exchange, Utils.toJsonString(answer(tree, id, context)));
    }

    /** A message whose context id or delegation chain Praxis would not accept. */
    private static Optional<JSONRPCError> invalidMessage(JsonNode tree) {
        JsonNode message = tree.path("params").path("message");
        if (!message.isObject()) {
            return Optional.empty(); // the SDK names what is missing
        }
        JsonNode contextId = message.path("contextId");
        if (!contextId.isMissingNode() && !contextId.isNull()
                && !PraxisAgentExecutor.CONTEXT_ID.matcher(contextId.asText()).matches()) {
            return Optional.of(new InvalidParamsError("contextId must match " + PraxisAgentExecutor.CONTEXT_ID.pattern()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = message.path("metadata").isObject()
                ? Utils.OBJECT_MAPPER.convertValue(message.get("metadata"), Map.class) : Map.of();
        if (DelegationMetadata.read(metadata).isEmpty()) {
            return Optional.of(new InvalidParamsError("metadata." + DelegationMetadata.DELEGATION
                    + " must hold a 'chain' of agent names and optionally a positive 'maxDepth'"));
        }
        return Optional.empty();
    }

    /**
     * A message on an existing task that cannot take one: only an {@code input-required} task
     * continues (its paused run resumes); refused here, before the SDK would queue it.
     */
    private Optional<JSONRPCError> notContinuable(JsonNode tree) {
        JsonNode taskId = tree.path("params").path("message").path("taskId");
        if (!taskId.isTextual()) {
            return Optional.empty();
        }
        Task task = tasks.get(taskId.asText());
        if (task == null) {
            return Optional.of(new TaskNotFoundError());
        }
        TaskState state = task.getStatus().state();
        return state == TaskState.INPUT_REQUIRED ? Optional.empty() : Optional.of(new InvalidParamsError("task "
                + task.getId() + " is " + state.asString() + " and takes no more messages; send one without a"
                + " taskId to start a new task"));
    }

    private Object answer(JsonNode tree, Object id, ServerCallContext context) {
        if (!SERVED.contains(tree.path("method").asText())) {
            return new JSONRPCErrorResponse(id, new MethodNotFoundError());
        }
        NonStreamingJSONRPCRequest<?> request;
        try {
            request = Utils.OBJECT_MAPPER.treeToValue(tree, NonStreamingJSONRPCRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            return new JSONRPCErrorResponse(id, new InvalidRequestError("not an A2A JSON-RPC request: " + firstLine(e)));
        }
        if (request instanceof SendMessageRequest send) {
            return handler.onMessageSend(send, context);
        }
        if (request instanceof GetTaskRequest get) {
            return handler.onGetTask(get, context);
        }
        if (request instanceof CancelTaskRequest cancel) {
            return handler.onCancelTask(cancel, context);
        }
        log.debug("A2A method {} is not served", request.getMethod());
        return new JSONRPCErrorResponse(id, new MethodNotFoundError());
    }

    private static String error(Object id, JSONRPCError error) {
        return Utils.toJsonString(new JSONRPCErrorResponse(id, error));
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
