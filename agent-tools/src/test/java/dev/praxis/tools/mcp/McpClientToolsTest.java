package dev.praxis.tools.mcp;

import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ImageContent;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our MCP client against the reference servers from npm, over stdio and streamable HTTP. */
class McpClientToolsTest {

    @TempDir
    Path dir;

    private static ToolResult call(Toolbox toolbox, String name, String args) {
        return toolbox.execute(new ToolCall("1", name, args), ToolContext.NONE);
    }

    private static Tool named(List<Tool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void usesEverythingServerOverStdio() {
        try (McpClientTools everything = McpClientTools.stdio("node", NodeMcp.everything().toString(), "stdio")) {
            Toolbox toolbox = Toolbox.of(everything.tools());

            assertThat(everything.tools()).extracting(Tool::name).contains("echo", "get-sum");
            assertThat(everything.protocolVersion()).isNotBlank();
            assertThat(named(everything.tools(), "get-sum").sideEffect()).isEqualTo(SideEffect.READ_ONLY);
            assertThat(call(toolbox, "echo", "{\"message\":\"hello MCP\"}")).isEqualTo(ToolResult.ok("Echo: hello MCP"));
            assertThat(call(toolbox, "get-sum", "{\"a\":2,\"b\":3.5}")).isEqualTo(ToolResult.ok("The sum of 2 and 3.5 is 5.5."));
            // the server's own schema is enforced locally, before anything is sent
            assertThat(call(toolbox, "get-sum", "{\"a\":\"two\",\"b\":3}").text()).contains("field `a`").contains("number");
        }
    }

    @Test
    void aToolsImageArrivesAsAnAttachmentNotAsPlaceholderText() {
        try (McpClientTools everything = McpClientTools.stdio("node", NodeMcp.everything().toString(), "stdio")) {
            ToolResult result = call(Toolbox.of(everything.tools()), "get-tiny-image", "{}");

            assertThat(result).isInstanceOfSatisfying(ToolResult.Ok.class, ok -> {
                assertThat(ok.content()).isEqualTo("Here's the image you requested:\nThe image above is the MCP logo.");
                assertThat(ok.attachments()).singleElement().isInstanceOfSatisfying(ImageContent.class, image -> {
                    assertThat(image.image().mimeType()).isEqualTo("image/png");
                    assertThat(Base64.getDecoder().decode(image.image().base64Data()))
                            .startsWith(0x89, 'P', 'N', 'G');
                });
            });
        }
    }

    @Test
    void contentPartsCrossOurServerAndClientUnchanged() {
        byte[] pdf = "%PDF-1.4 tiny".getBytes(StandardCharsets.UTF_8);
        List<dev.langchain4j.data.message.Content> sent = List.of(ImageContent.from("iVBORw0KGgo=", "image/png"),
                AudioContent.from("UklGRg==", "audio/wav"), EmbeddedResource.binary("file:///r.pdf", "application/pdf", pdf));
        Tool scan = Tools.of("scan", "Scans a page", dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder()
                .build(), SideEffect.READ_ONLY, args -> "unused");
        Tool withParts = new Tool() {
            @Override
            public dev.langchain4j.agent.tool.ToolSpecification spec() {
                return scan.spec();
            }

            @Override
            public ToolResult execute(ToolCall call, ToolContext context) {
                return ToolResult.ok("Page 1:", sent);
            }
        };
        try (McpHttpEndpoint endpoint = McpToolServer.of(Toolbox.of(withParts), "scanner", "1").serveHttp(0);
             McpClientTools client = McpClientTools.http(endpoint.url())) {
            ToolResult result = call(Toolbox.of(client.tools()), "scan", "{}");

            assertThat(result).isEqualTo(ToolResult.ok("Page 1:", sent));
        }
    }

    @Test
    void usesEverythingServerOverStreamableHttp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node", NodeMcp.everything().toString(), "streamableHttp")
                .redirectErrorStream(true);
        builder.environment().put("PORT", String.valueOf(port));
        Process server = builder.start();
        try {
            awaitLine(server, "listening");
            try (McpClientTools everything = McpClientTools.http("http://127.0.0.1:" + port, "/mcp", "ev_")) {
                Toolbox toolbox = Toolbox.of(everything.tools());

                assertThat(everything.tools()).extracting(Tool::name).contains("ev_echo", "ev_get-sum");
                assertThat(call(toolbox, "ev_echo", "{\"message\":\"over http\"}")).isEqualTo(ToolResult.ok("Echo: over http"));
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void usesFilesystemServerAndItsSandboxHolds() throws Exception {
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        Files.writeString(allowed.resolve("notes.txt"), "remember the milk");
        Files.writeString(dir.resolve("secret.txt"), "TOP SECRET");
        try (McpClientTools fs = McpClientTools.stdio("node", List.of(NodeMcp.filesystem().toString(),
                allowed.toRealPath().toString()), Map.of(), "fs_")) {
            Toolbox toolbox = Toolbox.of(fs.tools());
            String read = fs.tools().stream().map(Tool::name).anyMatch("fs_read_text_file"::equals)
                    ? "fs_read_text_file" : "fs_read_file";

            assertThat(call(toolbox, read, "{\"path\":\"" + allowed.toRealPath().resolve("notes.txt") + "\"}").text())
                    .contains("remember the milk");
            ToolResult escape = call(toolbox, read, "{\"path\":\"" + allowed.toRealPath().resolve("../secret.txt") + "\"}");
            assertThat(escape).isInstanceOf(ToolResult.Failed.class);
            assertThat(escape.text()).doesNotContain("TOP SECRET").containsIgnoringCase("denied");
        }
    }

    @Test
    void failsClearlyWhenTheServerCannotStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> McpClientTools.stdio("node",
                        dir.resolve("missing.js").toString()))
                .isInstanceOf(McpException.class).hasMessageContaining("could not connect to the MCP server");
    }

    static void awaitLine(Process process, String marker) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains(marker)) {
                        seen.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(seen.await(60, TimeUnit.SECONDS)).as("server printed '%s'", marker).isTrue();
    }
}
