package dev.praxis.tools.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authenticated A2A over real HTTP on loopback: the card declares the scheme, the SDK client sends it. */
class A2aAuthTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final Loopback loopback = new Loopback();

    private A2aServer serve(Agent agent, A2aAuth auth) {
        return loopback.serve(agent, A2aServer.card("vault", "Keeps secrets"), auth);
    }

    private static LlmAgent echo() {
        return LlmAgent.builder().llm(ScriptedLlm.of(request -> text("heard "
                + ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText()).reply(request)))
                .build();
    }

    private static HttpResponse<String> post(A2aServer server, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/a2a")).POST(HttpRequest.BodyPublishers
                .ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"id\":\"x\"}}"));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCardDeclaresBearerAndOnlyRequestsWithTheTokenGetIn() throws Exception {
        A2aServer server = serve(echo(), A2aAuth.bearer(TOKEN));
        A2aAgent remote = A2aAgent.connect(server.uri());

        AgentResult refused = remote.run("open");
        AgentResult served = remote.withCredential(TOKEN).run("open");

        assertThat(remote.card().securitySchemes()).containsOnlyKeys("bearer");
        assertThat(remote.card().security()).containsExactly(Map.of("bearer", List.of()));
        assertThat(refused.status()).isEqualTo(Status.FAILED);
        assertThat(refused.reason()).contains("refused the request (HTTP 401)", "withCredential");
        assertThat(served.status()).as(served.reason()).isEqualTo(Status.COMPLETED);
        assertThat(served.output()).isEqualTo("heard open");
        assertThat(remote.withCredential("wrong-token-0123456789").run("open").reason()).contains("HTTP 401");
        HttpResponse<String> bare = post(server, Map.of());
        assertThat(bare.statusCode()).isEqualTo(401);
        assertThat(bare.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"a2a\"");
        assertThat(post(server, Map.of("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiKeyInAHeaderWorksTheSameWay() throws Exception {
        A2aServer server = serve(echo(), A2aAuth.apiKey("X-Api-Key", TOKEN));

        AgentResult served = A2aAgent.connect(server.uri()).withCredential(TOKEN).streaming(true).run("hi");

        assertThat(served.output()).isEqualTo("heard hi");
        JsonNode card = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri()
                .resolve("/.well-known/agent-card.json")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(card.path("securitySchemes").path("apiKey").path("name").asText()).isEqualTo("X-Api-Key");
        assertThat(post(server, Map.of("X-Api-Key", TOKEN + "x")).statusCode()).isEqualTo(401);
    }

    @Test
    void callersSeeOnlyTheirOwnSessionsAndTasks() throws Exception {
        var llm = ScriptedLlm.of(text("noted"), request -> text("I see " + request.messages().size()).reply(request));
        A2aServer server = serve(LlmAgent.builder().llm(llm).build(), A2aAuth.bearer(token -> Map.of(
                "alice-token-0123456789", "alice", "bob-token-0123456789", "bob").entrySet().stream()
                .filter(e -> e.getKey().equals(token)).map(Map.Entry::getValue).findFirst()));
        A2aAgent alice = A2aAgent.connect(server.uri()).withCredential("alice-token-0123456789");
        A2aAgent bob = A2aAgent.connect(server.uri()).withCredential("bob-token-0123456789");
        MemoryScope session = MemoryScope.session("chat-1");

        AgentResult hers = alice.run(AgentRequest.of("remember 7").inSession(session));
        AgentResult his = bob.run(AgentRequest.of("what did I say?").inSession(session));

        assertThat(his.output()).as("bob's context of the same name is his own session").isEqualTo("I see 1");
        assertThat(bob.cancel(hers.runId()).reason()).contains("answered with an error");
        JsonNode peek = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/a2a"))
                .header("Authorization", "Bearer bob-token-0123456789")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\","
                        + "\"params\":{\"id\":\"" + hers.runId() + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(peek.path("error").path("code").asInt()).as("alice's task does not exist for bob").isEqualTo(-32001);
    }

    @Test
    void secretsTooShortToResistGuessingAreRefused() {
        assertThatThrownBy(() -> A2aAuth.bearer("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
        assertThat(A2aAuth.bearer(token -> Optional.empty())).isNotNull();
    }
}
