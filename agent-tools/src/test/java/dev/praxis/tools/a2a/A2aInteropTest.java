package dev.praxis.tools.a2a;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.a2a.A2aAgent;
import dev.praxis.a2a.A2aServer;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentSkill;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Praxis's own A2A implementation against the A2A Java SDK, both ends in one JVM over real
 * HTTP on loopback: our client against an agent served by the SDK's server side, and the
 * SDK's client against our server, each with {@code message/send} and {@code message/stream}.
 */
class A2aInteropTest {

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private A2aSdkServer sdkServer(Agent agent) {
        AgentCard card = new AgentCard.Builder().name("summer").description("Adds numbers")
                .url("http://placeholder/").version("1.0").protocolVersion("0.3.0").preferredTransport("JSONRPC")
                .capabilities(new AgentCapabilities.Builder().streaming(true).build())
                .defaultInputModes(List.of("text")).defaultOutputModes(List.of("text"))
                .skills(List.of(new AgentSkill.Builder().id("add").name("Addition").description("Adds")
                        .tags(List.of("math")).build()))
                .build();
        A2aSdkServer server = A2aSdkServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0));
        servers.add(server);
        return server;
    }

    private A2aServer ourServer(Agent agent) {
        var card = new dev.praxis.a2a.AgentCard("summer", "Adds numbers", "http://placeholder/", "1.0",
                List.of(new dev.praxis.a2a.AgentCard.Skill("add", "Addition", "Adds")));
        A2aServer server = A2aServer.start(agent, card, new InetSocketAddress("127.0.0.1", 0));
        servers.add(server);
        return server;
    }

    private static LlmAgent echo() {
        return LlmAgent.builder().llm(ScriptedLlm.of(request -> text("sum of: "
                + ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText()).reply(request)))
                .build();
    }

    private static LlmAgent streamingAgent(String... chunks) {
        LlmClient llm = new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                throw new AssertionError("the agent streams");
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                for (String chunk : chunks) {
                    handler.onPartialResponse(chunk);
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(String.join("", chunks)))
                        .build());
            }
        };
        return LlmAgent.builder().llm(llm).streaming(true).build();
    }

    @Test
    void ourClientCallsAnAgentServedThroughTheSdk() {
        A2aSdkServer server = sdkServer(echo());

        A2aAgent remote = A2aAgent.connect(server.uri());
        AgentResult result = remote.run("2+3");

        assertThat(remote.card().name()).isEqualTo("summer");
        assertThat(remote.card().url()).isEqualTo(server.uri() + "a2a");
        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("sum of: 2+3");
    }

    @Test
    void ourClientStreamsFromTheSdkServer() {
        A2aSdkServer server = sdkServer(echo());
        List<String> chunks = new ArrayList<>();

        AgentResult result = A2aAgent.connect(server.uri()).stream(AgentRequest.of("4+4"), chunks::add);

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("sum of: 4+4");
        assertThat(String.join("", chunks)).isEqualTo("sum of: 4+4");
    }

    @Test
    void aRunWaitingForApprovalBehindTheSdkServerIsInputRequiredForOurClient() {
        var asking = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("pay", "{}")))
                .toolbox(Toolbox.of(Tools.of("pay", "pays", JsonObjectSchema.builder().build(), SideEffect.EXTERNAL,
                        a -> "paid")).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q)))
                .build();

        AgentResult result = A2aAgent.connect(sdkServer(asking).uri()).run("pay");

        assertThat(result.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(result.reason()).contains("needs input", "waiting for a person to decide on 1 call(s): pay");
    }

    @Test
    void theSdkClientCallsOurServer() {
        A2aServer server = ourServer(echo());

        A2aSdkAgent remote = A2aSdkAgent.connect(server.uri());
        AgentResult result = remote.run("5+5");

        assertThat(remote.card().name()).isEqualTo("summer");
        assertThat(remote.card().capabilities().streaming()).isTrue();
        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("sum of: 5+5");
    }

    @Test
    void theSdkClientStreamsFromOurServer() {
        A2aServer server = ourServer(streamingAgent("Hel", "lo ", "world"));

        AgentResult result = A2aSdkAgent.connect(server.uri()).streaming(true).run(AgentRequest.of("greet"));

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("Hello world");
    }

    @Test
    void aSessionIsOneContextThroughTheSdkClientToo() {
        var llm = ScriptedLlm.of(text("noted"), request -> text("I see " + request.messages().size()).reply(request));
        A2aSdkAgent remote = A2aSdkAgent.connect(ourServer(LlmAgent.builder().llm(llm).build()).uri());
        MemoryScope session = MemoryScope.session("chat-9");

        remote.run(AgentRequest.of("remember 9").inSession(session));
        AgentResult second = remote.run(AgentRequest.of("what did I say?").inSession(session));

        assertThat(second.output()).isEqualTo("I see 3");
    }

    @Test
    void theSdkServerAnswersBadRequestsWithJsonRpcErrors() throws Exception {
        A2aSdkServer server = sdkServer(echo());
        var http = java.net.http.HttpClient.newHttpClient();
        List<String> bodies = List.of("{not json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"message/stream\",\"params\":{\"message\":5}}");
        for (String body : bodies) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/a2a"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("error")
                    .path("code").asInt()).as(body).isNegative();
        }
    }

    @Test
    void theSdkClientThroughTheSdkServerReachesAPraxisAgent() {
        AgentResult result = A2aSdkAgent.connect(sdkServer(echo()).uri()).streaming(true).run(AgentRequest.of("1+1"));

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("sum of: 1+1");
    }
}
