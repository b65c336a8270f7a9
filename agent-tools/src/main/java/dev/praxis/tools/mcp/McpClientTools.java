package dev.praxis.tools.mcp;

import dev.langchain4j.data.message.Content;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.memory.Document;
import dev.praxis.llm.LlmClient;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCaller;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A connection to one MCP server whose tools become Praxis {@link Tool}s, whose resources can be
 * read as documents and whose prompts can be rendered. Connects over stdio (the server is a
 * child process) or streamable HTTP, initializes (protocol-version negotiation is the SDK's),
 * and lists the tools (a server without tools is fine); close it to end the session.
 *
 * <pre>{@code
 * try (McpClientTools fs = McpClientTools.stdio("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data")) {
 *     Agent agent = LlmAgent.builder().llm(llm).toolbox(Toolbox.of(fs.tools())).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>What the client offers the server is chosen on the {@link Builder}: sampling answered by an
 * {@link LlmClient}, elicitation answered by an {@link Elicitor} (without one, the question goes to
 * the {@link dev.praxis.tool.ToolContext#caller()} of the one call in flight: inside an agent run
 * that is the approval path, which fails closed when nobody is configured; whenever nobody
 * answers, the call during which that happened fails instead of passing the server's complaint
 * off as an answer), and roots. The server's log lines and progress for a call go to that call's
 * {@link dev.praxis.tool.ToolContext#caller()} (in an agent run: {@code ToolLog} and
 * {@code ToolProgress} events).
 *
 * <p>The server is not trusted: its tool names are sanitised (and may be prefixed), its
 * side-effect hints only ever lower the class from the conservative {@code EXTERNAL} when the
 * server says {@code readOnlyHint} (see {@link McpRemoteTool}), and its answers go to the model
 * as tool output like any other. Thread-safe: calls of one step may run in parallel.
 */
public final class McpClientTools implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpClientTools.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Answers a server's request for user input (MCP elicitation). */
    @FunctionalInterface
    public interface Elicitor {
        /**
         * Asks the user {@code message} for the fields of {@code requestedSchema} (a flat JSON
         * Schema object); throw to refuse (the server sees an error, the call fails).
         */
        ToolCaller.Elicitation answer(String message, Map<String, Object> requestedSchema);
    }

    private final McpSyncClient client;
    private final ClientSession session;
    private final List<Tool> tools;

    private McpClientTools(McpClientTransport transport, Builder options) {
        this.session = new ClientSession();
        this.client = ClientHandlers.configure(McpClient.sync(transport).requestTimeout(TIMEOUT)
                        .initializationTimeout(TIMEOUT).clientInfo(new McpSchema.Implementation("praxis", "0.1.0")),
                options.sampling, options.elicitor, options.roots, session).build();
        try {
            McpSchema.InitializeResult init = client.initialize();
            this.tools = init.capabilities() != null && init.capabilities().tools() != null
                    ? List.copyOf(wrap(listAll(), options.prefix)) : List.of();
        } catch (RuntimeException e) {
            client.close();
            throw new McpException("could not connect to the MCP server: " + e.getMessage(), e);
        }
    }

    /** Starts {@code command} with {@code args} as a child process and speaks MCP over its stdio. */
    public static McpClientTools stdio(String command, String... args) {
        return stdio(command, List.of(args), Map.of(), "");
    }

    /**
     * Starts a stdio server with extra environment variables; each tool name gets {@code prefix}
     * (e.g. {@code "fs_"}) so tools of several servers cannot collide.
     */
    public static McpClientTools stdio(String command, List<String> args, Map<String, String> env, String prefix) {
        return builder().stdio(command, args, env).prefix(prefix).connect();
    }

    /** Connects to a streamable HTTP endpoint given as one URL, e.g. {@code http://127.0.0.1:3001/mcp}. */
    public static McpClientTools http(String url) {
        return builder().http(url).connect();
    }

    /** Connects to a streamable HTTP endpoint such as {@code http://127.0.0.1:3001} + {@code /mcp}. */
    public static McpClientTools http(String baseUrl, String endpoint, String prefix) {
        return builder().http(stripSlash(baseUrl) + endpoint).prefix(prefix).connect();
    }

    /** A builder for a connection with auth, sampling, elicitation or roots. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's tools as Praxis tools (empty when it offers none). */
    public List<Tool> tools() {
        return tools;
    }

    /** What the server said about itself at initialization. */
    public McpSchema.Implementation serverInfo() {
        return client.getServerInfo();
    }

    /** The protocol version the two sides agreed on. */
    public String protocolVersion() {
        return client.getCurrentInitializationResult().protocolVersion();
    }

    /** The server's resources (fixed URIs; see {@link #read}); empty when it offers none. */
    public List<McpSchema.Resource> resources() {
        if (client.getServerCapabilities().resources() == null) {
            return List.of();
        }
        List<McpSchema.Resource> all = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListResourcesResult page = cursor == null ? client.listResources() : client.listResources(cursor);
            all.addAll(page.resources());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < 10_000);
        return all;
    }

    /**
     * Reads a resource as documents (usually one), e.g. to add it to a knowledge store.
     *
     * @throws McpException when the server refuses or fails
     */
    public List<EmbeddedResource> read(String uri) {
        try {
            return client.readResource(new McpSchema.ReadResourceRequest(uri)).contents().stream()
                    .map(McpContents::resource).toList();
        } catch (RuntimeException e) {
            throw new McpException("could not read the MCP resource " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * The server's text resources as knowledge documents, ready for
     * {@link dev.praxis.memory.KnowledgeStore#add}: one per text content of each listed resource,
     * its id the resource URI, its metadata {@code source=mcp}, {@code server} (the server's name),
     * {@code uri}, {@code mimeType} and {@code name}. Binary resources and empty texts carry nothing
     * to retrieve by and are left out (logged at debug); URI templates are not expanded.
     *
     * @throws McpException when the server refuses or fails to list or read
     */
    public List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (McpSchema.Resource resource : resources()) {
            for (EmbeddedResource contents : read(resource.uri())) {
                if (!contents.isText() || contents.text().isBlank()) {
                    log.debug("MCP resource {} ({}) has no text; not a document", contents.uri(), contents.mimeType());
                    continue;
                }
                documents.add(new Document(contents.uri(), contents.text(), Map.of("source", "mcp",
                        "server", serverInfo().name(), "uri", contents.uri(), "mimeType", contents.mimeType(),
                        "name", resource.name() == null ? contents.uri() : resource.name()), Duration.ZERO));
            }
        }
        return documents;
    }

    /** The server's prompt templates; empty when it offers none. */
    public List<McpSchema.Prompt> prompts() {
        return client.getServerCapabilities().prompts() == null ? List.of() : client.listPrompts().prompts();
    }

    /**
     * Renders the prompt {@code name} with {@code arguments} into content parts, ready to be the
     * input of an agent request.
     *
     * @throws McpException when the server refuses (unknown prompt, missing argument) or fails
     */
    public List<Content> prompt(String name, Map<String, String> arguments) {
        try {
            return client.getPrompt(new McpSchema.GetPromptRequest(name, new LinkedHashMap<>(arguments))).messages()
                    .stream().map(m -> McpContents.fromMcp(m.content())).toList();
        } catch (RuntimeException e) {
            throw new McpException("could not get the MCP prompt " + name + ": " + e.getMessage(), e);
        }
    }

    private List<McpSchema.Tool> listAll() {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            all.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < 1000);
        return all;
    }

    private List<Tool> wrap(List<McpSchema.Tool> remote, String prefix) {
        Set<String> seen = new HashSet<>();
        List<Tool> wrapped = new ArrayList<>();
        for (McpSchema.Tool tool : remote) {
            String name = McpRemoteTool.localName(prefix, tool.name());
            if (!seen.add(name)) {
                log.warn("MCP server offers two tools named '{}' after sanitising; keeping the first", name);
                continue;
            }
            wrapped.add(new McpRemoteTool(client, session, tool, name));
        }
        return wrapped;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        try {
            client.closeGracefully();
        } catch (RuntimeException e) {
            log.debug("MCP client did not close gracefully", e);
            client.close();
        }
    }

    /** Options of a connection; {@link #connect()} opens it. Not thread-safe. */
    public static final class Builder {
        private String command;
        private List<String> args = List.of();
        private Map<String, String> env = Map.of();
        private URI url;
        private String prefix = "";
        private McpAuth auth = McpAuth.NONE;
        private LlmClient sampling;
        private Elicitor elicitor;
        private List<URI> roots = List.of();

        private Builder() {
        }

        /** A child process speaking MCP over its stdio. */
        public Builder stdio(String command, List<String> args, Map<String, String> env) {
            this.command = Objects.requireNonNull(command, "command");
            this.args = List.copyOf(args);
            this.env = Map.copyOf(env);
            this.url = null;
            return this;
        }

        /** A streamable HTTP endpoint, e.g. {@code https://mcp.example.com/mcp}. */
        public Builder http(String url) {
            URI uri = URI.create(Objects.requireNonNull(url, "url"));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("an MCP HTTP endpoint needs an http(s) URL, got " + url);
            }
            this.url = uri;
            this.command = null;
            return this;
        }

        /** A prefix for every tool name, so tools of several servers cannot collide. */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** How to authenticate over HTTP (default: not at all). */
        public Builder auth(McpAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Offers sampling: the server's {@code sampling/createMessage} requests are answered by {@code llm}. */
        public Builder sampling(LlmClient llm) {
            this.sampling = Objects.requireNonNull(llm, "llm");
            return this;
        }

        /**
         * Answers the server's elicitation requests with {@code elicitor} (e.g. by asking a person)
         * instead of passing them to the caller of the call in flight.
         */
        public Builder elicitation(Elicitor elicitor) {
            this.elicitor = Objects.requireNonNull(elicitor, "elicitor");
            return this;
        }

        /** Offers these directories or files as the client's roots. */
        public Builder roots(List<URI> roots) {
            this.roots = List.copyOf(roots);
            return this;
        }

        /**
         * Connects and initializes.
         *
         * @throws McpException when the server cannot be started, reached or initialized
         */
        public McpClientTools connect() {
            if (command != null) {
                if (!(auth instanceof McpAuth.None)) {
                    throw new IllegalStateException("auth applies to HTTP connections, not stdio");
                }
                StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(command)
                        .args(args).env(env).build(), McpJsonDefaults.getMapper());
                transport.setStdErrorHandler(line -> log.debug("[mcp server stderr] {}", line));
                return new McpClientTools(transport, this);
            }
            if (url == null) {
                throw new IllegalStateException("say where the server is: stdio(...) or http(...)");
            }
            String base = url.getScheme() + "://" + url.getRawAuthority();
            HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(base)
                    .endpoint(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath()
                            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
                    .connectTimeout(TIMEOUT);
            if (auth instanceof McpAuth.Bearer bearer) {
                transport.httpRequestCustomizer((request, method, uri, body, context) ->
                        request.setHeader("Authorization", "Bearer " + bearer.token()));
            } else if (auth instanceof McpAuth.AuthorizationCode code) {
                OAuthBearer oauth = new OAuthBearer(new OAuthAuthorizationCode(code, url, Clock.systemUTC()), url,
                        Clock.systemUTC());
                transport.httpRequestCustomizer(oauth)
                        .authorizationErrorHandler(McpHttpClientAuthorizationErrorHandler.fromSync(oauth));
            } else if (auth instanceof McpAuth.ClientCredentials credentials) {
                OAuthBearer oauth = new OAuthBearer(new OAuthClientCredentials(credentials, url, Clock.systemUTC()),
                        url, Clock.systemUTC());
                transport.httpRequestCustomizer(oauth)
                        .authorizationErrorHandler(McpHttpClientAuthorizationErrorHandler.fromSync(oauth));
            }
            return new McpClientTools(transport.build(), this);
        }
    }
}
