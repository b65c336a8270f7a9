package dev.praxis.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tools.a2a.A2aAgent;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole starter in a running application on a random port: a real OpenAI-compatible server
 * on loopback plays the model, a run pauses on an external tool call, and a person's decision
 * over HTTP resumes it; chosen tools are served over MCP on the same server.
 */
@SpringBootTest(classes = WebEndpointsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"praxis.model=openai:gpt-4o-mini", "praxis.api-key=sk-web-test",
                "praxis.web.approvals.enabled=true",
                "praxis.checkpoints.store=jdbc", "praxis.web.mcp.enabled=true", "praxis.web.mcp.tools=balance",
                "praxis.web.a2a.enabled=true", "praxis.web.a2a.description=Pays invoices",
                SecuredEndpointsTest.WITHOUT_SECURITY,
                "management.endpoints.web.exposure.include=health,praxis", "management.endpoint.health.show-details=always"})
class WebEndpointsTest {

    private static final LoopbackBackends BACKENDS = new LoopbackBackends("sk-web-test");
    private static final FakeOpenAi MODEL = BACKENDS.model();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    LlmAgent agent;

    @Autowired
    Payments payments;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        BACKENDS.register(registry);
    }

    @AfterAll
    static void stopModel() throws java.io.IOException {
        BACKENDS.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Payments payments() {
            return new Payments();
        }
    }

    @Test
    void anApprovalOverHttpResumesThePausedRunThroughTheModelServer() throws Exception {
        MODEL.toolCall("pay", "{\"invoice\":\"INV-100\"}").text("Invoice INV-100 is paid.");
        AgentResult paused = agent.run("Pay invoice INV-100");
        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);

        JsonNode listed = get("/praxis/approvals");
        JsonNode run = find(listed, paused.runId());
        assertThat(run.path("agent").asText()).isEqualTo("agent");
        assertThat(run.path("pending").get(0).path("tool").asText()).isEqualTo("pay");
        assertThat(run.path("pending").get(0).path("arguments").asText()).contains("INV-100");

        HttpResponse<String> decided = post("/praxis/approvals/" + paused.runId(), "{\"decision\":\"approve\"}");

        assertThat(decided.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(decided.body());
        assertThat(outcome.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(outcome.path("output").asText()).isEqualTo("Invoice INV-100 is paid.");
        assertThat(payments.paid()).contains("INV-100");
        assertThat(MODEL.requests().get(MODEL.requests().size() - 1).toString()).contains("paid INV-100");
        assertThat(find(get("/praxis/approvals"), paused.runId())).isNull();
    }

    @Test
    void aDenialReachesTheModelAndAnEditRunsTheChangedCall() throws Exception {
        MODEL.toolCall("pay", "{\"invoice\":\"INV-200\"}").text("Not paid.");
        String denied = agent.run("Pay INV-200").runId();
        HttpResponse<String> deny = post("/praxis/approvals/" + denied,
                "{\"decision\":\"deny\",\"reason\":\"duplicate invoice\"}");
        assertThat(JSON.readTree(deny.body()).path("output").asText()).isEqualTo("Not paid.");
        assertThat(payments.paid()).doesNotContain("INV-200");
        assertThat(MODEL.requests().get(MODEL.requests().size() - 1).toString()).contains("duplicate invoice");

        MODEL.toolCall("pay", "{\"invoice\":\"INV-300\"}").text("Paid the corrected invoice.");
        String edited = agent.run("Pay INV-300").runId();
        HttpResponse<String> edit = post("/praxis/approvals/" + edited,
                "{\"decision\":\"edit\",\"arguments\":{\"invoice\":\"INV-301\"}}");
        assertThat(JSON.readTree(edit.body()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(payments.paid()).contains("INV-301").doesNotContain("INV-300");
    }

    @Test
    void unknownRunsAndMalformedDecisionsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> unknown = post("/praxis/approvals/no-such-run", "{\"decision\":\"approve\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no run no-such-run waits for a decision");

        MODEL.toolCall("pay", "{\"invoice\":\"INV-400\"}");
        String runId = agent.run("Pay INV-400").runId();
        HttpResponse<String> bad = post("/praxis/approvals/" + runId, "{\"decision\":\"maybe\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("must be approve, deny, edit or answer");
        HttpResponse<String> noReason = post("/praxis/approvals/" + runId, "{\"decision\":\"deny\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(get("/praxis/approvals/" + runId).path("runId").asText()).isEqualTo(runId);
    }

    @Test
    void actuatorShowsModelHealthAndTheAgentsTools() throws Exception {
        JsonNode health = get("/actuator/health");
        assertThat(health.path("components").path("praxisModel").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("praxisStores").path("status").asText()).isEqualTo("UP");
        assertThat(health.toString()).doesNotContain("sk-web-test");

        JsonNode praxis = get("/actuator/praxis");
        assertThat(praxis.path("agents").get(0).path("tools").toString()).contains("\"pay\"", "EXTERNAL");
    }

    @Test
    void publishesTheChosenToolsOverMcpOnTheApplicationsOwnServer() {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("balance");

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("balance",
                    Map.of("account", "ACC-1")));

            assertThat(result.isError()).isFalse();
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("ACC-1: 120 EUR");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.callTool(
                    new McpSchema.CallToolRequest("pay", Map.of("invoice", "INV-MCP"))))
                    .hasMessageContaining("Unknown tool");
            assertThat(payments.paid()).doesNotContain("INV-MCP");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void servesTheAgentOverA2aOnTheApplicationsOwnServerAndAnApprovalResumesIt() {
        MODEL.toolCall("pay", "{\"invoice\":\"INV-A2A\"}").text("Invoice INV-A2A is paid.");
        A2aAgent remote = A2aAgent.connect(uri("/"));

        AgentResult waiting = remote.run("Pay invoice INV-A2A");
        AgentResult done = remote.resume(waiting.runId(), ApprovalDecision.allow());

        assertThat(remote.card().name()).isEqualTo("agent");
        assertThat(remote.card().description()).isEqualTo("Pays invoices");
        assertThat(remote.card().url()).isEqualTo("http://127.0.0.1:" + port + "/a2a");
        assertThat(waiting.status()).as(waiting.reason()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(done.output()).isEqualTo("Invoice INV-A2A is paid.");
        assertThat(payments.paid()).contains("INV-A2A");
    }

    @Test
    void theMcpEndpointRefusesAForeignOrigin() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/mcp")).header("Origin", "http://evil.example")
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode find(JsonNode runs, String runId) {
        for (JsonNode run : runs) {
            if (run.path("runId").asText().equals(runId)) {
                return run;
            }
        }
        return null;
    }
}
