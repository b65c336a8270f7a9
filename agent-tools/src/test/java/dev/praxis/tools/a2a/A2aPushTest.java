package dev.praxis.tools.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import io.a2a.A2A;
import io.a2a.client.Client;
import io.a2a.client.config.ClientConfig;
import io.a2a.client.transport.jsonrpc.JSONRPCTransport;
import io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig;
import io.a2a.spec.A2AClientException;
import io.a2a.spec.PushNotificationConfig;
import io.a2a.spec.TaskPushNotificationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push notifications: task updates POSTed to a webhook the client registered, a real HTTP receiver on loopback. */
@Timeout(60)
class A2aPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final Loopback loopback = new Loopback();
    /** What the webhook received: the token header, then the body. */
    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
    private URI webhook;

    private void startReceiver() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[] {exchange.getRequestHeaders().getFirst("X-A2A-Notification-Token"),
                    new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        loopback.closeAfter(() -> receiver.stop(0));
        webhook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private A2aServer serve(LlmAgent agent) {
        A2aServer server = A2aServer.builder(agent, A2aServer.card("payments", "Pays invoices"))
                .pushNotifications(uri -> uri.getHost().equals("127.0.0.1") && uri.getPort() == webhook.getPort())
                .start();
        return loopback.closeAfter(server);
    }

    private Client client(A2aServer server, PushNotificationConfig push) throws Exception {
        ClientConfig.Builder config = new ClientConfig.Builder().setStreaming(false);
        if (push != null) {
            config.setPushNotificationConfig(push);
        }
        Client client = Client.builder(A2A.getAgentCard(server.uri().toString())).clientConfig(config.build())
                .withTransport(JSONRPCTransport.class, new JSONRPCTransportConfig()).addConsumer((e, c) -> { }).build();
        loopback.closeAfter(client::close);
        return client;
    }

    /** Notifications until one in {@code state} arrives; fails after 30 s without it. */
    private List<JsonNode> until(String state, String token) throws Exception {
        List<JsonNode> tasks = new ArrayList<>();
        while (true) {
            String[] post = received.poll(30, TimeUnit.SECONDS);
            assertThat(post).as("a notification in state " + state).isNotNull();
            assertThat(post[0]).isEqualTo(token);
            JsonNode task = JSON.readTree(post[1]);
            tasks.add(task);
            if (state.equals(task.path("status").path("state").asText())) {
                return tasks;
            }
        }
    }

    @Test
    void aWebhookRegisteredWithTheMessageReceivesTheFinishedTask() throws Exception {
        startReceiver();
        A2aServer server = serve(LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).build());

        client(server, new PushNotificationConfig.Builder().url(webhook.toString()).token("tok-1").build())
                .sendMessage(A2A.toUserMessage("6*7"), null);

        JsonNode done = until("completed", "tok-1").get(0);
        assertThat(done.path("artifacts").get(0).path("parts").get(0).path("text").asText()).isEqualTo("42");
        assertThat(server.card().capabilities().pushNotifications()).isTrue();
    }

    @Test
    void aWebhookSetOnAPausedTaskHearsTheResumedRunFinish() throws Exception {
        startReceiver();
        A2aServer server = serve(LlmAgent.builder().llm(ScriptedLlm.of(toolCall("pay", "{}"), text("paid")))
                .toolbox(Toolbox.of(Tools.of("pay", "pays", JsonObjectSchema.builder().build(), SideEffect.EXTERNAL,
                        a -> "ok")).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q)))
                .build());
        A2aAgent remote = A2aAgent.connect(server.uri());
        AgentResult waiting = remote.run("pay");

        TaskPushNotificationConfig set = client(server, null).setTaskPushNotificationConfiguration(
                new TaskPushNotificationConfig(waiting.runId(), new PushNotificationConfig.Builder()
                        .url(webhook.toString()).token("tok-2").build()), null);
        remote.resume(waiting.runId(), ApprovalDecision.allow());

        assertThat(set.pushNotificationConfig().url()).isEqualTo(webhook.toString());
        assertThat(until("completed", "tok-2")).last().satisfies(task ->
                assertThat(task.path("id").asText()).isEqualTo(waiting.runId()));
    }

    @Test
    void webhooksOutsideThePolicyAndServersWithoutPushAreRefused() throws Exception {
        startReceiver();
        A2aServer withPush = serve(LlmAgent.builder().llm(ScriptedLlm.of()).build());
        A2aServer without = loopback.serve(LlmAgent.builder().llm(ScriptedLlm.of()).build(),
                A2aServer.card("plain", "No push"));

        assertThatThrownBy(() -> client(withPush, new PushNotificationConfig.Builder()
                .url("http://169.254.169.254/latest/meta-data").build()).sendMessage(A2A.toUserMessage("x"), null))
                .isInstanceOf(A2AClientException.class).hasMessageContaining("does not call the webhook");
        assertThatThrownBy(() -> client(without, new PushNotificationConfig.Builder().url(webhook.toString()).build())
                .sendMessage(A2A.toUserMessage("x"), null)).isInstanceOf(A2AClientException.class);
        assertThat(without.card().capabilities().pushNotifications()).isFalse();
        assertThat(received).isEmpty();
    }
}
