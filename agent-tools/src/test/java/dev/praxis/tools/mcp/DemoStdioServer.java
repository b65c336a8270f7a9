package dev.praxis.tools.mcp;

import dev.praxis.tool.Toolbox;
import dev.praxis.tools.math.MathTool;
import dev.praxis.tools.time.TimeTools;

import java.util.concurrent.CountDownLatch;

/** A process that serves Praxis tools over MCP stdio, started by the tests as a child JVM. */
public final class DemoStdioServer {

    private DemoStdioServer() {
    }

    /** Serves until stdin closes. */
    public static void main(String[] args) throws InterruptedException {
        Toolbox toolbox = Toolbox.of(MathTool.create()).plus(TimeTools.create());
        var server = McpToolServer.of(toolbox, "praxis-demo", "1.0").serveStdio(System.in, System.out);
        new CountDownLatch(1).await();
        server.close();
    }
}
