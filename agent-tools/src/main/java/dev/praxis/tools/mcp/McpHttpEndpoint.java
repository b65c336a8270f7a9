package dev.praxis.tools.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A running streamable-HTTP MCP endpoint: embedded Tomcat bound to 127.0.0.1 with the MCP
 * SDK's servlet transport at {@code /mcp}. Requests whose {@code Host} is not this address
 * (DNS rebinding) or whose {@code Origin} is foreign are refused by the SDK's validator.
 * Close it to stop the server and end every session.
 */
public final class McpHttpEndpoint implements AutoCloseable {

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final int port;
    private final Path baseDir;

    private McpHttpEndpoint(Tomcat tomcat, McpSyncServer server, int port, Path baseDir) {
        this.tomcat = tomcat;
        this.server = server;
        this.port = port;
        this.baseDir = baseDir;
    }

    static McpHttpEndpoint start(int port, Function<HttpServletStreamableServerTransportProvider, McpSyncServer> serverOf) {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("praxis-mcp-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new McpException("cannot start the MCP HTTP server on port " + port, e);
        }
        int bound = connector.getLocalPort();
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint("/mcp")
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedHosts(List.of("127.0.0.1:" + bound, "localhost:" + bound))
                        .allowedOrigins(List.of("http://127.0.0.1:" + bound, "http://localhost:" + bound)).build())
                .build();
        McpSyncServer server = serverOf.apply(provider);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", provider);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded("/mcp", "mcp");
        context.addServletMappingDecoded("/mcp/*", "mcp");
        return new McpHttpEndpoint(tomcat, server, bound, baseDir);
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:8931/mcp}. */
    public String url() {
        return baseUrl() + "/mcp";
    }

    /** The server root, e.g. {@code http://127.0.0.1:8931}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.closeGracefully();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new McpException("cannot stop the MCP HTTP server", e);
        } finally {
            try (var files = Files.walk(baseDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover empty temp directory is harmless
            }
        }
    }
}
