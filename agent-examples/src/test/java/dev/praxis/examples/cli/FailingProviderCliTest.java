package dev.praxis.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI against an OpenAI-compatible server on loopback that fails in each way a provider
 * fails: the command says what happened, where, and what to check, and exits non-zero.
 */
class FailingProviderCliTest {

    private static final String ANSWER = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"It is 42.\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}";

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (status == 0) {
                hang(exchange);
                return;
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void hang(HttpExchange exchange) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    private int praxis(String url, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PRAXIS_MODEL", "openai:test-model");
        env.put("PRAXIS_BASE_URL", url);
        env.put("PRAXIS_API_KEY", "sk-test-secret");
        env.put("PRAXIS_TIMEOUT_SECONDS", "1");
        var cli = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream("/quit\n".getBytes(StandardCharsets.UTF_8)), env);
        cli.setErr(new PrintWriter(errors, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkingProviderAnswersAndExitsZero() throws IOException {
        String url = serve(200, "application/json", ANSWER);

        assertThat(praxis(url, "run", "quickstart")).isZero();

        assertThat(out()).contains("A: It is 42.").doesNotContain("did not complete");
    }

    @Test
    void aRefusedKeyFailsNamingTheUrlAndTheKeySetting() throws IOException {
        String url = serve(401, "application/json", "{\"error\":{\"message\":\"Incorrect API key provided\"}}");

        assertThat(praxis(url, "run", "quickstart")).isEqualTo(1);

        assertThat(out()).contains("(FAILED: ")
                .contains("openai:test-model at " + url + " failed: the server refused the API key (HTTP 401")
                .contains("Incorrect API key provided")
                .contains("check PRAXIS_API_KEY")
                .contains("praxis: 4 runs did not complete:")
                .doesNotContain("A: \n").doesNotContain("sk-test-secret");
        assertThat(requests).as("a refused key is not asked again").hasValue(1);
    }

    @Test
    void rateLimitingFailsSayingSo() throws IOException {
        String url = serve(429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\"}}");

        assertThat(praxis(url, "run", "quickstart")).isEqualTo(1);

        assertThat(out()).contains("failed: rate limited (HTTP 429").contains("check the quota of the key in PRAXIS_API_KEY");
    }

    @Test
    void aServerErrorFailsSayingSo() throws IOException {
        String url = serve(500, "text/plain", "upstream exploded");

        assertThat(praxis(url, "run", "quickstart")).isEqualTo(1);

        assertThat(out()).contains("failed: the server failed (HTTP 500").contains("upstream exploded")
                .contains("check the server at PRAXIS_BASE_URL");
    }

    @Test
    void garbageInsteadOfTheWireFormatFailsNamingTheBaseUrl() throws IOException {
        String url = serve(200, "application/json", "<html>this is not an API</html>");

        assertThat(praxis(url, "run", "quickstart")).isEqualTo(1);

        assertThat(out()).contains(url + " failed: ").contains("check PRAXIS_BASE_URL")
                .doesNotContain("failed: null").doesNotContain("failed: LangChain4jException");
    }

    @Test
    void aRefusedConnectionFailsNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";

        assertThat(praxis(url, "run", "quickstart")).isEqualTo(1);

        assertThat(out()).contains("openai:test-model at " + url + " failed: connection refused")
                .contains("check PRAXIS_BASE_URL")
                .contains("not tried: ");
    }

    @Test
    void aHangingServerIsBoundedByTheTimeoutSetting() throws IOException {
        String url = serve(0, "", "");

        assertThat(praxis(url, "run", "quickstart")).isEqualTo(1);

        assertThat(out()).contains(url + " failed: no answer within 1 s").contains("check PRAXIS_TIMEOUT_SECONDS");
        assertThat(requests).as("the later questions do not wait for the same silence").hasValue(1);
    }

    @Test
    void evalAgainstAFailingProviderExitsNonZeroWithEachCaseReason() throws IOException {
        String url = serve(401, "application/json", "{\"error\":{\"message\":\"bad key\"}}");
        Path suite = data.resolve("suite.jsonl");
        Files.writeString(suite, "{\"id\": \"m\", \"input\": \"3 times 4\", \"checks\": [{\"type\": \"contains\", \"value\": \"12\"}]}\n");

        assertThat(praxis(url, "eval", suite.toString(), "-t", "0.5")).isEqualTo(1);

        assertThat(out()).contains("FAIL  m: the run ended FAILED - ").contains("check PRAXIS_API_KEY")
                .contains("praxis: 0% of 1 cases passed, below the pass threshold of 50%");
    }

    @Test
    void chatShowsTheDiagnosisInsteadOfABlankAnswer() throws IOException {
        String url = serve(500, "text/plain", "overloaded");
        var cli = PraxisCli.commandLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream("hello\n/quit\n".getBytes(StandardCharsets.UTF_8)),
                Map.of("PRAXIS_MODEL", "openai:test-model", "PRAXIS_BASE_URL", url, "PRAXIS_TIMEOUT_SECONDS", "1"));

        assertThat(cli.execute("--data-dir", data.toString(), "chat")).isZero();

        assertThat(out()).contains("(FAILED: ").contains("the server failed (HTTP 500: overloaded)");
    }
}
