package dev.praxis.tools.mcp.conformance;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import dev.praxis.tools.mcp.McpHttpEndpoint;
import dev.praxis.tools.mcp.McpToolServer;

/** The server the conformance suite's server scenarios expect, built with Praxis's public API. */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    public static McpHttpEndpoint start(int port) {
        JsonObjectSchema none = JsonObjectSchema.builder().build();
        Toolbox toolbox = Toolbox.of(
                Tools.of("test_simple_text", "Returns simple text content for testing", none, SideEffect.READ_ONLY,
                        args -> "This is a simple text response for testing."),
                Tools.of("test_error_handling", "Always fails", none, SideEffect.READ_ONLY, args -> {
                    throw new ToolException("This tool intentionally returns an error for testing");
                }));
        return McpToolServer.of(toolbox, "praxis-conformance", "1.0.0").serveHttp(port);
    }

    public static void main(String[] args) throws Exception {
        try (McpHttpEndpoint endpoint = start(Integer.parseInt(args[0]))) {
            System.out.println(endpoint.url());
            Thread.currentThread().join();
        }
    }
}
