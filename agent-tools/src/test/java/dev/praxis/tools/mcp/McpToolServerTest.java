package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.LlmAgent;
import dev.praxis.team.AgentTool;
import dev.praxis.team.Member;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import dev.praxis.tools.math.MathTool;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our MCP server, reached by our own client and by the reference TypeScript SDK client. */
class McpToolServerTest {

    private static final String TS_CLIENT = """
            import { Client } from "@modelcontextprotocol/sdk/client/index.js";
            import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
            import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
            const [mode, target, ...rest] = process.argv.slice(2);
            const transport = mode === "http"
                ? new StreamableHTTPClientTransport(new URL(target))
                : new StdioClientTransport({ command: target, args: rest, stderr: "ignore" });
            const client = new Client({ name: "ts-sdk-client", version: "1.0.0" });
            await client.connect(transport);
            const tools = await client.listTools();
            const ok = await client.callTool({ name: "calculate", arguments: { expression: "6*7" } });
            const bad = await client.callTool({ name: "calculate", arguments: { expression: 42 } });
            console.log(JSON.stringify({
              server: client.getServerVersion(),
              session: transport.sessionId ?? null,
              tools: tools.tools.map(t => t.name).sort(),
              readOnly: tools.tools.find(t => t.name === "calculate").annotations?.readOnlyHint ?? null,
              ok: ok.content[0].text, okError: ok.isError ?? false,
              bad: bad.content[0].text, badError: bad.isError ?? false }));
            await client.close();
            """;

    private final List<String> approvals = new ArrayList<>();

    private Toolbox toolbox() {
        Tool wire = Tools.of("wire_money", "Sends money", JsonObjectSchema.builder().addIntegerProperty("cents")
                .required("cents").build(), SideEffect.EXTERNAL, args -> "sent");
        var helper = LlmAgent.builder().llm(ScriptedLlm.of(ScriptedLlm.text("Paris"))).build();
        return Toolbox.of(MathTool.create(), wire, AgentTool.of(Member.of("geographer", "Answers geography questions",
                        helper)))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> {
                    approvals.add(request.call().name());
                    return ApprovalDecision.deny("remote callers may not move money");
                });
    }

    private static JsonNode runTsClient(String... args) throws Exception {
        Path script = NodeMcp.script("ts-client.mjs", TS_CLIENT);
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("TypeScript client output: %s", out).isZero();
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void servesToolsOverStreamableHttpToOurClientWithGovernance() {
        try (McpHttpEndpoint endpoint = McpToolServer.of(toolbox(), "praxis-test", "1.2.3").serveHttp(0);
             McpClientTools client = McpClientTools.http(endpoint.baseUrl(), "/mcp", "")) {
            Toolbox remote = Toolbox.of(client.tools());

            assertThat(client.serverInfo().name()).isEqualTo("praxis-test");
            assertThat(client.protocolVersion()).isNotBlank();
            assertThat(client.tools()).extracting(Tool::name).containsExactlyInAnyOrder("calculate", "wire_money", "geographer");
            assertThat(remote.find("calculate").orElseThrow().sideEffect()).isEqualTo(SideEffect.READ_ONLY);
            assertThat(remote.execute(new ToolCall("1", "calculate", "{\"expression\":\"2^10\"}"), ToolContext.NONE))
                    .isEqualTo(ToolResult.ok("1024"));
            assertThat(remote.execute(new ToolCall("2", "geographer", "{\"task\":\"Capital of France?\"}"), ToolContext.NONE))
                    .isEqualTo(ToolResult.ok("Paris"));
            ToolResult wired = remote.execute(new ToolCall("3", "wire_money", "{\"cents\":100}"), ToolContext.NONE);
            assertThat(wired).isInstanceOf(ToolResult.Failed.class);
            assertThat(wired.text()).contains("remote callers may not move money");
            assertThat(approvals).containsExactly("wire_money");
        }
    }

    @Test
    void servesTheTypeScriptSdkClientOverStreamableHttp() throws Exception {
        try (McpHttpEndpoint endpoint = McpToolServer.of(toolbox(), "praxis-test", "1.2.3").serveHttp(0)) {
            JsonNode result = runTsClient("http", endpoint.url());

            assertThat(result.get("server").get("name").asText()).isEqualTo("praxis-test");
            assertThat(result.get("session").asText()).isNotBlank();
            assertThat(result.get("tools").toString()).isEqualTo("[\"calculate\",\"geographer\",\"wire_money\"]");
            assertThat(result.get("readOnly").asBoolean()).isTrue();
            assertThat(result.get("ok").asText()).isEqualTo("42");
            assertThat(result.get("okError").asBoolean()).isFalse();
            assertThat(result.get("bad").asText()).contains("field `expression`");
            assertThat(result.get("badError").asBoolean()).isTrue();
        }
    }

    @Test
    void refusesRequestsForAnotherHostName() throws Exception {
        try (McpHttpEndpoint endpoint = McpToolServer.of(toolbox(), "praxis-test", "1").serveHttp(0)) {
            HttpRequest rebound = HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}")).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(rebound, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void servesOurClientAndTheTypeScriptClientOverStdio() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Path logConfig = NodeMcp.script("logback-stderr.xml", """
                <configuration><appender name="E" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target><encoder><pattern>%msg%n</pattern></encoder></appender>
                <root level="WARN"><appender-ref ref="E"/></root></configuration>""");
        List<String> childArgs = List.of("-Dlogback.configurationFile=" + logConfig, "-cp", classpath,
                DemoStdioServer.class.getName());

        try (McpClientTools client = McpClientTools.stdio(java, childArgs, Map.of(), "")) {
            assertThat(client.serverInfo().name()).isEqualTo("praxis-demo");
            assertThat(Toolbox.of(client.tools()).execute(new ToolCall("1", "time_between",
                    "{\"start\":\"2026-01-01\",\"end\":\"2026-01-31\"}"), ToolContext.NONE).text()).startsWith("period P30D");
        }
        List<String> tsArgs = new ArrayList<>(List.of("stdio", java));
        tsArgs.addAll(childArgs);
        JsonNode result = runTsClient(tsArgs.toArray(String[]::new));
        assertThat(result.get("server").get("name").asText()).isEqualTo("praxis-demo");
        assertThat(result.get("ok").asText()).isEqualTo("42");
        assertThat(result.get("badError").asBoolean()).isTrue();
    }
}
