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
import io.a2a.spec.AgentCard;
import io.a2a.spec.CancelTaskRequest;
import io.a2a.spec.GetTaskRequest;
import io.a2a.spec.InvalidRequestError;
import io.a2a.spec.JSONParseError;
import io.a2a.spec.JSONRPCErrorResponse;
import io.a2a.spec.MethodNotFoundError;
import io.a2a.spec.NonStreamingJSONRPCRequest;
import io.a2a.spec.SendMessageRequest;
import io.a2a.spec.SendStreamingMessageRequest;
import io.a2a.transport.jsonrpc.handler.JSONRPCHandler;
import io.a2a.util.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a Praxis {@link Agent} through the A2A Java SDK's server side (its
 * {@code DefaultRequestHandler} and {@code JSONRPCHandler}, in-memory task store and queues) on
 * the JDK's HTTP server, without an application container: the card at
 * {@code /.well-known/agent-card.json}, JSON-RPC at {@code /a2a} with {@code message/send},
 * {@code message/stream} (Server-Sent Events), {@code tasks/get} and {@code tasks/cancel}.
 * Needs the optional {@code io.github.a2asdk} server and client artifacts on the classpath;
 * agent-core's own {@code dev.praxis.a2a.A2aServer} needs nothing.
 *
 * <pre>{@code
 * try (A2aSdkServer server = A2aSdkServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0))) {
 *     Agent remote = A2aAgent.connect(server.uri());
 * }
 * }</pre>
 *
 * <p>Bodies over 1 MiB are refused. Thread-safe.
 */
public final class A2aSdkServer implements AutoCloseable {

    /** Largest request body accepted. */
    public static final int MAX_BODY = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(A2aSdkServer.class);

    private final HttpServer http;
    private final ExecutorService executor;
    private final JSONRPCHandler handler;
    private final AgentCard card;

    private A2aSdkServer(Agent agent, AgentCard template, InetSocketAddress address) throws IOException {
        this.http = HttpServer.create(address, 0);
        this.executor = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "praxis-a2a-sdk");
            thread.setDaemon(true);
            return thread;
        });
        this.card = new AgentCard.Builder(template).url(uri().resolve("/a2a").toString()).build();
        InMemoryTaskStore tasks = new InMemoryTaskStore();
        InMemoryPushNotificationConfigStore push = new InMemoryPushNotificationConfigStore();
        DefaultRequestHandler requests = DefaultRequestHandler.create(new PraxisAgentExecutor(agent), tasks,
                new InMemoryQueueManager(tasks), push, new BasePushNotificationSender(push), executor);
        this.handler = new JSONRPCHandler(card, requests, executor);
        http.createContext("/.well-known/agent-card.json", this::serveCard);
        http.createContext("/a2a", this::serveRpc);
        http.setExecutor(executor);
    }

    /**
     * Starts serving {@code agent} at {@code address} (port 0 picks a free one); the card's url
     * becomes the endpoint actually bound.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static A2aSdkServer start(Agent agent, AgentCard card, InetSocketAddress address) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(card, "card");
        try {
            A2aSdkServer server = new A2aSdkServer(agent, card, address);
            server.http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve A2A at " + address + ": " + e.getMessage(), e);
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
        send(exchange, Utils.toJsonString(card));
    }

    private void serveRpc(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (!"POST".equals(exchange.getRequestMethod()) || body.length > MAX_BODY) {
            send(exchange, Utils.toJsonString(new JSONRPCErrorResponse(new InvalidRequestError(
                    "send one JSON-RPC request by POST, at most " + MAX_BODY + " bytes"))));
            return;
        }
        JsonNode tree;
        try {
            tree = Utils.OBJECT_MAPPER.readTree(body);
        } catch (IOException e) {
            send(exchange, Utils.toJsonString(new JSONRPCErrorResponse(new JSONParseError("not valid JSON"))));
            return;
        }
        ServerCallContext context = new ServerCallContext(UnauthenticatedUser.INSTANCE, new HashMap<>(), Set.of());
        if (tree != null && SendStreamingMessageRequest.METHOD.equals(tree.path("method").asText())) {
            SendStreamingMessageRequest request;
            try {
                request = Utils.OBJECT_MAPPER.treeToValue(tree, SendStreamingMessageRequest.class);
            } catch (IOException | IllegalArgumentException e) {
                send(exchange, Utils.toJsonString(new JSONRPCErrorResponse(new InvalidRequestError(
                        "not an A2A message/stream request: " + firstLine(e)))));
                return;
            }
            SseWriter.write(exchange, handler.onMessageSendStream(request, context));
            return;
        }
        send(exchange, Utils.toJsonString(answer(tree, context)));
    }

    private Object answer(JsonNode tree, ServerCallContext context) {
        Object id = tree != null && tree.has("id") ? Utils.OBJECT_MAPPER.convertValue(tree.get("id"), Object.class) : null;
        NonStreamingJSONRPCRequest<?> request;
        try {
            request = Utils.OBJECT_MAPPER.treeToValue(tree, NonStreamingJSONRPCRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            return new JSONRPCErrorResponse(id, new InvalidRequestError("not an A2A JSON-RPC request: "
                    + firstLine(e)));
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
