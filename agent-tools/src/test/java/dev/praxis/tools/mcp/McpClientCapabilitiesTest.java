package dev.praxis.tools.mcp;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.praxis.content.EmbeddedResource;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the client offers a server (sampling, elicitation, roots) and reads from it, against server-everything. */
class McpClientCapabilitiesTest {

    private static McpClientTools.Builder everything() {
        return McpClientTools.builder().stdio("node", List.of(NodeMcp.everything().toString(), "stdio"), Map.of());
    }

    private static ToolResult call(McpClientTools client, String tool, String args, ToolContext context) {
        Tool found = client.tools().stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow();
        return found.execute(new ToolCall("1", tool, args), context);
    }

    @Test
    void answersTheServersSamplingRequestsWithTheConfiguredModel() {
        ScriptedLlm llm = ScriptedLlm.of(ScriptedLlm.text("Paris"));
        try (McpClientTools client = everything().sampling(llm).connect()) {
            ToolResult result = call(client, "trigger-sampling-request", "{\"prompt\":\"Capital of France?\"}",
                    ToolContext.NONE);

            assertThat(result).isInstanceOf(ToolResult.Ok.class);
            assertThat(result.text()).contains("Paris");
            assertThat(llm.requests().get(0).messages().get(0)).isEqualTo(
                    SystemMessage.from("You are a helpful test server."));
            assertThat(llm.requests().get(0).messages().toString()).contains("Capital of France?");
        }
    }

    @Test
    void answersElicitationThroughTheApplicationsHandler() {
        List<String> asked = new CopyOnWriteArrayList<>();
        McpClientTools.Elicitor person = (message, schema) -> {
            asked.add(message);
            return new ToolCaller.Elicitation.Accepted(Map.of("name", "Ada Lovelace"));
        };
        try (McpClientTools client = everything().elicitation(person).connect()) {
            ToolResult result = call(client, "trigger-elicitation-request", "{}", ToolContext.NONE);

            assertThat(asked).hasSize(1);
            assertThat(result).isInstanceOf(ToolResult.Ok.class);
            assertThat(result.text()).contains("Name: Ada Lovelace");
        }
    }

    @Test
    void aCallWhoseElicitationNobodyCouldAnswerFails() {
        try (McpClientTools client = everything().connect()) {
            ToolResult result = call(client, "trigger-elicitation-request", "{}", ToolContext.NONE);

            assertThat(result).isInstanceOf(ToolResult.Failed.class);
            assertThat(result.text()).contains("asked for user input during the call and none could be given");
        }
    }

    @Test
    void passesTheServersProgressToTheCallsCaller() throws InterruptedException {
        List<Double> progress = new CopyOnWriteArrayList<>();
        CountDownLatch last = new CountDownLatch(1);
        ToolCaller caller = new ToolCaller() {
            @Override
            public void progress(double done, double total, String message) {
                progress.add(done);
                if (done == 3.0) {
                    last.countDown();
                }
            }
        };
        try (McpClientTools client = everything().connect()) {
            ToolResult result = call(client, "trigger-long-running-operation", "{\"duration\":0.3,\"steps\":3}",
                    ToolContext.NONE.withCaller(caller));

            assertThat(result).isInstanceOf(ToolResult.Ok.class);
            // the SDK delivers notifications on another thread: the last can land just after the call returned
            assertThat(last.await(10, TimeUnit.SECONDS)).as("the last progress reached the caller").isTrue();
            assertThat(progress).containsExactly(1.0, 2.0, 3.0);
        }
    }

    @Test
    void progressArrivingJustAfterItsCallReturnedStillReachesItsCaller() {
        ClientSession session = new ClientSession();
        List<Double> progress = new CopyOnWriteArrayList<>();
        ToolCaller caller = new ToolCaller() {
            @Override
            public void progress(double done, double total, String message) {
                progress.add(done);
            }
        };
        session.started("t1", caller);
        session.progress(new McpSchema.ProgressNotification("t1", 1.0, 2.0, null));
        session.finished("t1");
        session.progress(new McpSchema.ProgressNotification("t1", 2.0, 2.0, null));
        for (int i = 0; i < ClientSession.RECENT; i++) {
            session.started("other" + i, new ToolCaller() { });
            session.finished("other" + i);
        }
        session.progress(new McpSchema.ProgressNotification("t1", 3.0, 2.0, null));

        assertThat(progress).as("late progress kept for the last calls, not forever").containsExactly(1.0, 2.0);
    }

    @Test
    void offersItsRoots() {
        try (McpClientTools client = everything().roots(List.of(URI.create("file:///srv/projects/atlas"))).connect()) {
            assertThat(call(client, "get-roots-list", "{}", ToolContext.NONE).text())
                    .contains("file:///srv/projects/atlas");
        }
    }

    @Test
    void readsResourcesAsDocumentsAndRendersPrompts() {
        try (McpClientTools client = everything().connect()) {
            String uri = client.resources().stream().map(r -> r.uri()).filter(u -> u.startsWith("demo://resource/static"))
                    .findFirst().orElseThrow();
            List<EmbeddedResource> read = client.read(uri);

            assertThat(read).hasSize(1);
            assertThat(read.get(0).uri()).isEqualTo(uri);
            assertThat(client.prompts()).extracting(p -> p.name()).contains("simple-prompt", "args-prompt");
            assertThat(client.prompt("args-prompt", Map.of("city", "Oslo")))
                    .containsExactly(TextContent.from("What's weather in Oslo?"));
            assertThatThrownBy(() -> client.prompt("no-such-prompt", Map.of())).isInstanceOf(McpException.class);
        }
    }

    @Test
    void sendsTheBearerTokenOnEveryRequest() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", exchange -> {
            seen.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
            assertThatThrownBy(() -> McpClientTools.builder().http(url).auth(McpAuth.bearer("s3cret")).connect())
                    .isInstanceOf(McpException.class);
            assertThat(seen.get()).isEqualTo("Bearer s3cret");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> McpClientTools.http("file:///etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
    }
}
