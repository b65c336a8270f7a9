package dev.praxis.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.team.AgentTool;
import dev.praxis.team.Member;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The delegation chain crosses A2A servers, over real HTTP on loopback. */
class A2aDelegationTest {

    private final List<A2aServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(A2aServer::close);
    }

    private A2aServer serve(Agent agent) {
        AgentCard card = new AgentCard("ping", "Calls itself", "http://placeholder/", "1.0", List.of());
        A2aServer server = A2aServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0));
        servers.add(server);
        return server;
    }

    @Test
    @Timeout(60) // without the stop crossing back, retries fan out and exhaust the server's threads
    void anAgentCallingItselfThroughItsOwnServerStopsAtTheLimit() {
        AtomicInteger calls = new AtomicInteger();
        LlmClient stubborn = request -> {
            calls.incrementAndGet();
            return toolCall("ping", "{\"task\":\"again\"}").reply(request);
        };
        AtomicReference<A2aAgent> remote = new AtomicReference<>();
        LlmAgent ping = LlmAgent.builder().name("ping").llm(stubborn).maxDelegationDepth(4)
                .tools(AgentTool.of(Member.of("ping", "Asks itself remotely", request -> remote.get().run(request))))
                .build();
        A2aServer server = serve(ping);
        remote.set(A2aAgent.connect(server.uri()));

        AgentResult result = ping.run("go");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).contains("delegation depth limit of 4 reached: ping -> ping -> ping -> ping;");
        assertThat(calls).as("one model call per level; the stop crossed back over every server hop").hasValue(4);
    }

    @Test
    void theServerCountsAChainItReceivesAndRefusesAMalformedOne() throws Exception {
        ScriptedLlm model = ScriptedLlm.of();
        A2aServer server = serve(LlmAgent.builder().name("served").llm(model).build());
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":{\"role\":"
                + "\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"hi\"}],\"metadata\":{\"praxis.delegation\":"
                + "{\"chain\":[\"a\",\"b\"],\"maxDepth\":2}}}}}";

        JsonNode answer = post(server, deep);
        JsonNode malformed = post(server, deep.replace("[\"a\",\"b\"]", "\"a\""));

        assertThat(answer.path("result").path("status").path("state").asText()).isEqualTo("failed");
        assertThat(answer.path("result").path("metadata").path("praxis.delegationStopped").asText())
                .isEqualTo("delegation depth limit of 2 exceeded: a -> b -> served; 'served' was started too deep");
        assertThat(model.requests()).isEmpty();
        assertThat(malformed.path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void aRequestWithoutAChainIsATopLevelRun() {
        ScriptedLlm model = ScriptedLlm.of(ScriptedLlm.text("hello"));
        A2aServer server = serve(LlmAgent.builder().name("served").llm(model).maxDelegationDepth(1).build());

        AgentResult result = A2aAgent.connect(server.uri()).run(AgentRequest.of("hi"));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("hello");
    }

    private static JsonNode post(A2aServer server, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri()
                        .resolve("/a2a")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
