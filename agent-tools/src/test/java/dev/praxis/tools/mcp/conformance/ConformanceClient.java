package dev.praxis.tools.mcp.conformance;

import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tools.mcp.McpClientTools;

import java.net.URI;

/** The client the conformance suite launches with {@code --command}; the server URL is the last argument. */
public final class ConformanceClient {

    private ConformanceClient() {
    }

    public static void main(String[] args) {
        String scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
        URI url = URI.create(args[args.length - 1]);
        String base = url.getScheme() + "://" + url.getAuthority();
        try (McpClientTools client = McpClientTools.http(base, url.getPath(), "")) {
            for (Tool tool : client.tools()) {
                String arguments = tool.name().equals("add_numbers") ? "{\"a\":5,\"b\":3}" : "{}";
                System.out.println(tool.name() + " -> " + tool.execute(new ToolCall("1", tool.name(), arguments),
                        ToolContext.NONE).text());
            }
        }
        System.out.println("scenario " + scenario + " done");
        System.exit(0);
    }
}
