package dev.praxis.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.message.Content;
import dev.praxis.content.Parts;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.ToolSchemas;
import dev.praxis.tool.Toolbox;
import dev.praxis.tools.internal.Args;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a {@link Toolbox} over MCP, so other agent hosts can use Praxis tools (and agents:
 * wrap one with {@code dev.praxis.team.AgentTool}), together with {@linkplain McpResource
 * resources} and {@linkplain McpPrompt prompts}. Every call goes through the toolbox, so
 * validation, approval policy, timeouts and the result cap apply to remote callers exactly as
 * to a local agent. Inside a call the tool's {@link ToolContext#caller()} is the MCP client:
 * it can log, report progress, and ask for sampling or elicitation. Input schemas are published
 * with their {@code $defs}, {@code $ref} and {@code additionalProperties}, under the JSON Schema
 * 2020-12 dialect the toolbox validates with. Transports: stdio ({@link #serveStdio}) and
 * streamable HTTP with sessions and protocol-version negotiation ({@link #serveHttp}, embedded
 * Tomcat on loopback).
 *
 * <pre>{@code
 * McpToolServer server = McpToolServer.of(Toolbox.of(FileTools.sandboxedAt(root)), "files", "1.0");
 * try (McpHttpEndpoint endpoint = server.serveHttp(8931)) {
 *     // clients connect to endpoint.url()  (http://127.0.0.1:8931/mcp)
 * }
 * }</pre>
 */
public final class McpToolServer {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final Toolbox toolbox;
    private final McpSchema.Implementation info;
    private final List<McpResource> resources;
    private final List<McpPrompt> prompts;
    private final AtomicLong calls;

    private McpToolServer(Toolbox toolbox, McpSchema.Implementation info, List<McpResource> resources,
                          List<McpPrompt> prompts, AtomicLong calls) {
        this.toolbox = Objects.requireNonNull(toolbox, "toolbox");
        this.info = info;
        this.resources = List.copyOf(resources);
        this.prompts = List.copyOf(prompts);
        this.calls = calls;
    }

    /** A server publishing every tool of {@code toolbox}, introducing itself as {@code name}/{@code version}. */
    public static McpToolServer of(Toolbox toolbox, String name, String version) {
        return new McpToolServer(toolbox, new McpSchema.Implementation(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(version, "version")), List.of(), List.of(), new AtomicLong());
    }

    /** A copy that also publishes {@code more} resources (fixed ones and templates). */
    public McpToolServer withResources(McpResource... more) {
        List<McpResource> all = new ArrayList<>(resources);
        all.addAll(List.of(more));
        return new McpToolServer(toolbox, info, all, prompts, calls);
    }

    /** A copy that also publishes {@code more} prompts; their arguments' suggestions answer completions. */
    public McpToolServer withPrompts(McpPrompt... more) {
        List<McpPrompt> all = new ArrayList<>(prompts);
        all.addAll(List.of(more));
        return new McpToolServer(toolbox, info, resources, all, calls);
    }

    /**
     * Serves one MCP session over the given streams (use {@code System.in}/{@code System.out}
     * in a process started by an MCP host; log to stderr only). Returns at once; close the
     * returned server to stop.
     */
    public McpSyncServer serveStdio(InputStream in, OutputStream out) {
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out);
        return build(McpServer.sync(transport));
    }

    /**
     * Serves streamable HTTP at {@code http://127.0.0.1:port/mcp} (port 0 picks a free one),
     * accepting only requests addressed to that host and port (DNS-rebinding protection).
     */
    public McpHttpEndpoint serveHttp(int port) {
        return McpHttpEndpoint.start(port, this::serve);
    }

    /**
     * Serves streamable HTTP through {@code transport}, a servlet the caller mounts in a container
     * of its own (a Spring Boot application's server, say) with async support on. The caller
     * configures the transport's security validator (allowed hosts and origins) and closes the
     * returned server when it stops.
     */
    public McpSyncServer serve(HttpServletStreamableServerTransportProvider transport) {
        return build(McpServer.sync(Objects.requireNonNull(transport, "transport")));
    }

    private McpSyncServer build(McpServer.SyncSpecification<?> spec) {
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(false)
                .logging();
        if (!resources.isEmpty()) {
            capabilities.resources(true, false);
        }
        if (!prompts.isEmpty()) {
            capabilities.prompts(false).completions();
        }
        ServerCatalog features = new ServerCatalog(resources, prompts);
        return spec.serverInfo(info).capabilities(capabilities.build())
                .validateToolInputs(false) // the toolbox validates, with messages written for models
                .tools(specifications())
                .resources(features.resources()).resourceTemplates(features.templates())
                .prompts(features.prompts()).completions(features.completions())
                .build();
    }

    List<McpServerFeatures.SyncToolSpecification> specifications() {
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (Tool tool : toolbox.tools()) {
            specs.add(new McpServerFeatures.SyncToolSpecification(describe(tool),
                    (exchange, request) -> call(exchange, request)));
        }
        return specs;
    }

    static McpSchema.Tool describe(Tool tool) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("$schema", DIALECT);
        input.putAll(ToolSchemas.toMap(tool.spec().parameters()));
        boolean readOnly = tool.sideEffect() == SideEffect.READ_ONLY;
        McpSchema.ToolAnnotations hints = new McpSchema.ToolAnnotations(null, readOnly, !readOnly && tool.sideEffect()
                == SideEffect.EXTERNAL, null, tool.sideEffect() == SideEffect.EXTERNAL, null);
        return new McpSchema.Tool(tool.name(), null, tool.spec().description(), input, null, hints, null);
    }

    private McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        String arguments;
        try {
            arguments = Args.JSON.writeValueAsString(request.arguments() == null ? Map.of() : request.arguments());
        } catch (JsonProcessingException e) {
            return error("arguments are not JSON: " + e.getOriginalMessage());
        }
        String session = exchange.sessionId() == null ? "stdio" : exchange.sessionId();
        Object progressToken = request.meta() == null ? null : request.meta().get("progressToken");
        ToolContext context = new ToolContext("mcp:" + session, 1, null)
                .withCaller(new ExchangeCaller(exchange, progressToken, request.name()));
        ToolCall call = new ToolCall("mcp-" + calls.incrementAndGet() + "-" + UUID.randomUUID(), request.name(), arguments);
        ToolResult result = toolbox.execute(call, context);
        return result instanceof ToolResult.Ok ok ? ok(ok) : error(result.text());
    }

    /** The text (unless empty beside attachments), then each attachment as MCP content, in order. */
    private static McpSchema.CallToolResult ok(ToolResult.Ok ok) {
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().isError(false);
        if (!ok.content().isEmpty() || ok.attachments().isEmpty()) {
            result.addTextContent(ok.content());
        }
        for (Content part : ok.attachments()) {
            try {
                result.addContent(McpContents.toMcp(part));
            } catch (IllegalArgumentException cannot) {
                result.addTextContent(Parts.describe(part));
            }
        }
        return result.build();
    }

    private static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
