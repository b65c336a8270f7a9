package dev.praxis.tools.a2a;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.praxis.agent.Agent;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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
    public static final int MAX_BODY = A2aHttp.MAX_BODY;
    /** The A2A protocol version of the cards {@link #card} makes. */
    public static final String PROTOCOL_VERSION = "0.3.0";
    private static final int MAX_THREADS = 64;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ExecutorService agentThreads;
    private final A2aHttp endpoint;
    private final AgentCard card;

    private A2aServer(Agent agent, AgentCard template, InetSocketAddress address, A2aAuth auth,
                      Predicate<URI> webhooks) throws IOException {
        this.http = HttpServer.create(address, 0);
        // apart, so requests waiting for runs never starve the runs (agents calling each other through servers)
        this.httpThreads = threads("praxis-a2a-http");
        this.agentThreads = threads("praxis-a2a-run");
        this.endpoint = new A2aHttp(agent, A2aHttp.at(template, uri().resolve("/a2a").toString()), auth, webhooks,
                agentThreads);
        this.card = endpoint.card();
        http.createContext("/.well-known/agent-card.json", exchange -> endpoint.serveCard(new JdkExchange(exchange),
                card.url()));
        http.createContext("/a2a", exchange -> endpoint.serveRpc(new JdkExchange(exchange)));
        http.setExecutor(httpThreads);
    }

    static ExecutorService threads(String name) {
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
        return start(agent, card, address, null);
    }

    /**
     * Starts serving {@code agent} at {@code address} for callers that {@code auth}
     * authenticates; the card declares its security scheme. A JSON-RPC request without valid
     * credentials gets HTTP 401; each caller sees, continues and cancels only its own tasks, and
     * its A2A contexts are sessions of its own.
     *
     * @param auth how callers authenticate; null serves everyone (only on a trusted network)
     * @throws A2aException if the address cannot be bound
     */
    public static A2aServer start(Agent agent, AgentCard card, InetSocketAddress address, A2aAuth auth) {
        return builder(agent, card).address(address).auth(auth).start();
    }

    /** Starts configuring a server for {@code agent}, described by {@code card}; see {@link Builder}. */
    public static Builder builder(Agent agent, AgentCard card) {
        return new Builder(Objects.requireNonNull(agent, "agent"), Objects.requireNonNull(card, "card"));
    }

    /** Configures an {@link A2aServer}: where it listens, how callers authenticate, push notifications. */
    public static final class Builder {
        private final Agent agent;
        private final AgentCard card;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private A2aAuth auth;
        private Predicate<URI> webhooks;

        private Builder(Agent agent, AgentCard card) {
            this.agent = agent;
            this.card = card;
        }

        /** Where to listen; default {@code 127.0.0.1} on a free port. */
        public Builder address(InetSocketAddress where) {
            this.address = Objects.requireNonNull(where, "where");
            return this;
        }

        /** How callers authenticate (see {@link A2aAuth}); null, the default, serves everyone. */
        public Builder auth(A2aAuth callers) {
            this.auth = callers;
            return this;
        }

        /**
         * Turns on push notifications (declared in the card): clients register webhooks
         * ({@code tasks/pushNotificationConfig/*}, or with a message) and task updates are POSTed
         * to them as A2A task JSON, with the client's token in {@code X-A2A-Notification-Token}.
         * Only {@code http}/{@code https} URLs that {@code allowed} accepts are registered, so a
         * client cannot make the server call into its own network (allow only what you expect).
         */
        public Builder pushNotifications(Predicate<URI> allowed) {
            this.webhooks = Objects.requireNonNull(allowed, "allowed");
            return this;
        }

        /**
         * Binds the address and starts serving; the card's url becomes the endpoint actually bound.
         *
         * @throws A2aException if the address cannot be bound
         */
        public A2aServer start() {
            try {
                A2aServer server = new A2aServer(agent, card, address, auth, webhooks);
                server.http.start();
                return server;
            } catch (IOException e) {
                throw new A2aException("cannot serve A2A at " + address + ": " + e.getMessage(), e, false);
            }
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

    /** A JDK HTTP server exchange as {@link A2aHttp} needs it. */
    private record JdkExchange(HttpExchange exchange) implements A2aHttp.Exchange {
        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        @Override
        public byte[] body(int max) throws IOException {
            return exchange.getRequestBody().readNBytes(max);
        }

        @Override
        public Optional<String> principal() {
            return Optional.empty();
        }

        @Override
        public void respond(int status, Map<String, String> headers, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public OutputStream stream() throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            return exchange.getResponseBody();
        }
    }
}
