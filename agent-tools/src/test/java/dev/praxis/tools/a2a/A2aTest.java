package dev.praxis.tools.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import io.a2a.spec.AgentSkill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both ends of A2A (the SDK's client and server under Praxis) in one JVM, over real HTTP on loopback. */
class A2aTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final Loopback loopback = new Loopback();

    private A2aServer serve(Agent agent) {
        return loopback.serve(agent, A2aServer.card("calculator", "Adds numbers", new AgentSkill.Builder()
                .id("add").name("Addition").description("Adds two integers").tags(List.of("math")).build()));
    }

    static HttpResponse<String> post(A2aServer server, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/a2a"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode rpc(A2aServer server, String body) throws Exception {
        HttpResponse<String> response = post(server, body);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static LlmAgent echo() {
        return LlmAgent.builder().llm(ScriptedLlm.of(request -> text("sum of: "
                + ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText()).reply(request)))
                .build();
    }

    /** A model that streams its answer in the given chunks. */
    private static LlmClient streamingModel(String... chunks) {
        return new LlmClient() {
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
    }

    @Test
    void callsARemoteAgentThroughItsCard() {
        A2aServer server = serve(echo());

        A2aAgent remote = A2aAgent.connect(server.uri());
        AgentResult result = remote.run("2+3");

        assertThat(remote.card().name()).isEqualTo("calculator");
        assertThat(remote.card().url()).isEqualTo(server.uri() + "a2a");
        assertThat(remote.card().skills()).extracting(AgentSkill::id).containsExactly("add");
        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("sum of: 2+3");
    }

    @Test
    void servesTheCardInTheA2aFormat() throws Exception {
        A2aServer server = serve(request -> null);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("/.well-known/agent-card.json")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode card = JSON.readTree(response.body());

        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(card.path("protocolVersion").asText()).isEqualTo("0.3.0");
        assertThat(card.path("preferredTransport").asText()).isEqualTo("JSONRPC");
        assertThat(card.path("url").asText()).isEqualTo(server.uri() + "a2a");
        assertThat(card.path("capabilities").path("streaming").asBoolean()).isTrue();
        assertThat(card.path("defaultInputModes").get(0).asText()).isEqualTo("text/plain");
    }

    @Test
    void streamHandsOverTheAnswerAsTheModelWritesItThenTheFinalState() throws Exception {
        A2aServer server = serve(LlmAgent.builder().llm(streamingModel("Hel", "lo ", "world")).streaming(true).build());
        List<String> chunks = new ArrayList<>();

        AgentResult result = A2aAgent.connect(server.uri()).stream(AgentRequest.of("greet"), chunks::add);

        assertThat(chunks).containsExactly("Hel", "lo ", "world");
        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("Hello world");
        assertThat(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"id\":\""
                + result.runId() + "\"}}").path("result").path("status").path("state").asText()).isEqualTo("completed");
    }

    @Test
    void messageStreamIsServerSentEventsInTheA2aEventShapes() throws Exception {
        A2aServer server = serve(LlmAgent.builder().llm(streamingModel("4", "2")).streaming(true).build());
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"message/stream\",\"params\":{\"message\":"
                + "{\"kind\":\"message\",\"messageId\":\"m1\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"6*7\"}]}}}";

        HttpResponse<String> response = post(server, body);
        List<JsonNode> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }

        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(events).allSatisfy(e -> assertThat(e.path("id").asText()).isEqualTo("s1"));
        assertThat(events).extracting(e -> e.path("result").path("kind").asText()).containsExactly("status-update",
                "status-update", "artifact-update", "artifact-update", "artifact-update", "status-update");
        assertThat(events).extracting(e -> e.path("result").path("status").path("state").asText())
                .containsExactly("submitted", "working", "", "", "", "completed");
        assertThat(events.get(3).path("result").path("append").asBoolean()).isTrue();
        assertThat(events.get(4).path("result").path("lastChunk").asBoolean()).isTrue();
        assertThat(events.get(4).path("result").path("artifact").path("parts").get(0).path("text").asText())
                .isEqualTo("42");
        assertThat(events.get(5).path("result").path("final").asBoolean()).isTrue();
    }

    @Test
    void aStreamOfAnAgentThatDoesNotStreamStillEndsWithItsState() {
        A2aServer server = serve(request -> new AgentResult("r", Status.GUARDRAIL_TRIPPED, "", List.of(),
                Usage.ZERO, "input: blocked"));
        List<String> chunks = new ArrayList<>();

        AgentResult result = A2aAgent.connect(server.uri()).stream(AgentRequest.of("bad"), chunks::add);

        assertThat(chunks).isEmpty();
        assertThat(result.status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(result.reason()).contains("rejected the task", "input: blocked");
    }

    @Test
    void aSessionIsOneRemoteContextSoTheConversationContinues() {
        var llm = ScriptedLlm.of(text("noted"), request -> text("I see " + request.messages().size()).reply(request));
        A2aAgent remote = A2aAgent.connect(serve(LlmAgent.builder().llm(llm).build()).uri()).streaming(true);
        MemoryScope session = MemoryScope.of("alice", "chat 7 / with spaces");

        remote.run(AgentRequest.of("remember 7").inSession(session));
        AgentResult second = remote.run(AgentRequest.of("what did I say?").inSession(session));

        assertThat(second.output()).isEqualTo("I see 3");
    }

    @Test
    void remoteRunsThatDoNotCompleteKeepTheirMeaning() {
        var stuck = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("noop", "{}")))
                .tools(Tools.of("noop", "x", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY, a -> "ok"))
                .budget(Budget.DEFAULT.withMaxSteps(1)).finalAnswer(false).build();
        var asking = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("pay", "{}")))
                .toolbox(Toolbox.of(Tools.of("pay", "pays", JsonObjectSchema.builder().build(), SideEffect.EXTERNAL,
                        a -> "paid")).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q)))
                .build();

        AgentResult failed = A2aAgent.connect(serve(stuck).uri()).run("loop");
        AgentResult waiting = A2aAgent.connect(serve(asking).uri()).streaming(true).run("pay");

        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.reason()).startsWith("remote agent 'calculator' ended the task in state 'failed': "
                + "BUDGET_EXHAUSTED: step budget exhausted: 1 of 1 steps used");
        assertThat(waiting.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(waiting.reason()).contains("needs input", "waiting for a person to decide on 1 call(s): pay");
    }

    @Test
    void anUnreachableAgentIsAFailureNotAnException() {
        A2aServer server = serve(echo());
        A2aAgent remote = A2aAgent.connect(server.uri());
        server.close();

        AgentResult result = remote.run("hello");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).startsWith("remote agent 'calculator' is unreachable at " + server.uri() + "a2a");
        assertThatThrownBy(() -> A2aAgent.connect(server.uri())).isInstanceOf(A2aException.class)
                .hasMessageContaining("cannot fetch the agent card");
    }

    @Test
    void tasksCanBeFetchedAfterwards() throws Exception {
        A2aServer server = serve(LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).build());
        JsonNode sent = rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"message/send\",\"params\":{\"message\":"
                + "{\"kind\":\"message\",\"messageId\":\"m1\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":\"q\"}]}}}");
        String taskId = sent.path("result").path("id").asText();

        JsonNode fetched = rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"id\":\""
                + taskId + "\"}}");

        assertThat(sent.path("id").asText()).isEqualTo("a");
        assertThat(fetched.path("result").path("status").path("state").asText()).isEqualTo("completed");
        assertThat(fetched.path("result").path("artifacts").get(0).path("parts").get(0).path("text").asText())
                .isEqualTo("42");
        assertThat(fetched.path("result").path("history").get(0).path("messageId").asText()).isEqualTo("m1");
        assertThat(code(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/cancel\",\"params\":{\"id\":\""
                + taskId + "\"}}"))).as("a completed task cannot be canceled").isEqualTo(-32002);
    }

    @Test
    void badRequestsGetJsonRpcErrors() throws Exception {
        A2aServer server = serve(LlmAgent.builder().llm(ScriptedLlm.of()).build());
        String message = "{\"kind\":\"message\",\"messageId\":\"m\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\","
                + "\"text\":\"hi\"}],\"contextId\":\"../../etc\"}";

        assertThat(code(rpc(server, "{not json"))).isEqualTo(-32700);
        assertThat(code(rpc(server, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\"}]"))).isEqualTo(-32600);
        assertThat(code(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\",\"params\":{}}")))
                .isEqualTo(-32601);
        assertThat(code(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"message/stream\",\"params\":"
                + "{\"message\":5}}"))).isNegative();
        assertThat(code(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":"
                + message + "}}"))).isEqualTo(-32602);
        assertThat(code(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"message/send\",\"params\":{\"message\":"
                + message.replace("../../etc", "x".repeat(200)) + "}}"))).isEqualTo(-32602);
        assertThat(code(rpc(server, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"id\":\"nope\"}}")))
                .isEqualTo(-32001);
        assertThat(code(rpc(server, "{\"pad\":\"" + "x".repeat(A2aServer.MAX_BODY) + "\"}"))).isEqualTo(-32600);
    }

    static int code(JsonNode response) {
        return response.path("error").path("code").asInt();
    }
}
