package dev.praxis.spring.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The example application as a user starts it: offline model, chat over HTTP, a refund approved over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void answersAnOrderQuestionWithTheReadOnlyTool() throws Exception {
        JsonNode reply = post("/chat", "Where is my order 1001?");

        assertThat(reply.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(reply.path("answer").asText()).contains("1001", "arrives tomorrow");
    }

    @Test
    void aRefundWaitsForAPersonAndRunsOnceApprovedOverHttp() throws Exception {
        JsonNode paused = post("/chat", "Please refund order 1002");
        assertThat(paused.path("status").asText()).isEqualTo("AWAITING_APPROVAL");
        String runId = paused.path("runId").asText();

        JsonNode waiting = get("/praxis/approvals/" + runId);
        assertThat(waiting.path("pending").get(0).path("tool").asText()).isEqualTo("refund");

        JsonNode done = post("/praxis/approvals/" + runId, "{\"decision\":\"approve\"}");
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("output").asText()).contains("1002 is refunded");
    }

    @Test
    void actuatorReportsTheStoresAndTheSupportAgent() throws Exception {
        assertThat(get("/actuator/health").path("components").path("praxisStores").path("status").asText())
                .isEqualTo("UP");
        assertThat(get("/actuator/praxis").path("agents").get(0).path("name").asText()).isEqualTo("support");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", body.startsWith("{") ? "application/json" : "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
