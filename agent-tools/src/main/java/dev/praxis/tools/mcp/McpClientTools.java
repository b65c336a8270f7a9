package dev.praxis.tools.mcp;

import dev.praxis.tool.Tool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A connection to one MCP server whose tools become Praxis {@link Tool}s. Connects over stdio
 * (the server is a child process) or streamable HTTP, initializes (protocol-version
 * negotiation is the SDK's), and lists the tools; close it to end the session (and the child).
 *
 * <pre>{@code
 * try (McpClientTools fs = McpClientTools.stdio("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data")) {
 *     Agent agent = LlmAgent.builder().llm(llm).toolbox(Toolbox.of(fs.tools())).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>The server is not trusted: its tool names are sanitised (and may be prefixed), its
 * side-effect hints only ever lower the class from the conservative {@code EXTERNAL} when the
 * server says {@code readOnlyHint} (see {@link McpRemoteTool}), and its answers go to the model
 * as tool output like any other. Thread-safe: calls of one step may run in parallel.
 */
public final class McpClientTools implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpClientTools.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final McpSyncClient client;
    private final List<Tool> tools;

    private McpClientTools(McpClientTransport transport, String prefix) {
        this.client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT)
                .clientInfo(new McpSchema.Implementation("praxis", "0.1.0")).build();
        try {
            client.initialize();
            this.tools = List.copyOf(wrap(listAll(), prefix));
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
        ServerParameters parameters = ServerParameters.builder(Objects.requireNonNull(command, "command"))
                .args(args).env(env).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> log.debug("[mcp server stderr] {}", line));
        return new McpClientTools(transport, prefix);
    }

    /** Connects to a streamable HTTP endpoint such as {@code http://127.0.0.1:3001/mcp}. */
    public static McpClientTools http(String baseUrl, String endpoint, String prefix) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint(endpoint).connectTimeout(TIMEOUT).build();
        return new McpClientTools(transport, prefix);
    }

    /** The server's tools as Praxis tools. */
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
            wrapped.add(new McpRemoteTool(client, tool, name));
        }
        return wrapped;
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
}
