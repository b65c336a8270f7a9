package dev.praxis.testing;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmClients;
import dev.praxis.testing.junit.RecordReplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Record/replay against a loopback server that speaks OpenAI's chat-completions wire format. */
class CassetteTest {

    private static final String KEY = "sk-live-abcdefghijklmnopqrstuvwx1234";
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"It is 42.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":4,"
            + "\"total_tokens\":15}}";

    static volatile String url;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static LlmClient real() {
        return LlmClients.from(Map.of("PRAXIS_MODEL", "openai:gpt-test", "PRAXIS_BASE_URL", url, "PRAXIS_API_KEY", KEY));
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(List.of(UserMessage.from(text))).build();
    }

    @Test
    void recordsRealExchangesWithoutKeysAndReplaysThemWithoutTheServer() throws IOException {
        Path file = dir.resolve("cassettes/answer.json");
        LlmClient recording = Cassette.at(file, Cassette.Mode.RECORD).client(CassetteTest::real);
        ChatResponse live = recording.chat(ask("What is 6 times 7? my token is sk-abcdefghijklmnopqrstuvwx9999"));
        server.stop(0);

        LlmClient replaying = Cassette.at(file, Cassette.Mode.REPLAY).client(() -> {
            throw new AssertionError("replay must not build the real client");
        });
        ChatResponse replayed = replaying.chat(ask("What is 6 times 7? my token is sk-abcdefghijklmnopqrstuvwx9999"));

        assertThat(authorizations).containsExactly("Bearer " + KEY);
        assertThat(replayed.aiMessage().text()).isEqualTo(live.aiMessage().text()).isEqualTo("It is 42.");
        assertThat(replayed.tokenUsage().inputTokenCount()).isEqualTo(11);
        assertThat(replayed.finishReason()).isEqualTo(FinishReason.STOP);
        String cassette = Files.readString(file);
        assertThat(cassette).contains(Cassette.fingerprint(ask("What is 6 times 7? my token is sk-abcdefghijklmnopqrstuvwx9999")))
                .doesNotContain(KEY).doesNotContain("sk-abcdefghijklmnopqrstuvwx9999")
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("bearer");
    }

    @Test
    void anUnmatchedRequestFailsLoudlyNamingIt() {
        Path file = dir.resolve("one.json");
        Cassette.at(file, Cassette.Mode.RECORD).client(CassetteTest::real).chat(ask("first question"));
        LlmClient replaying = Cassette.at(file, Cassette.Mode.REPLAY).client(CassetteTest::real);

        assertThatThrownBy(() -> replaying.chat(ask("another question")))
                .isInstanceOf(CassetteMismatchException.class)
                .hasMessageContaining("no recording left in " + file).hasMessageContaining("another question");
    }

    @Test
    void identicalRequestsReplayInOrderAndEachOnlyOnce() {
        Path file = dir.resolve("twice.json");
        LlmClient recording = Cassette.at(file, Cassette.Mode.RECORD).client(CassetteTest::real);
        recording.chat(ask("same"));
        recording.chat(ask("same"));
        LlmClient replaying = Cassette.at(file, Cassette.Mode.REPLAY).client(CassetteTest::real);

        replaying.chat(ask("same"));
        replaying.chat(ask("same"));

        assertThat(authorizations).hasSize(2);
        assertThatThrownBy(() -> replaying.chat(ask("same"))).isInstanceOf(CassetteMismatchException.class);
    }

    @Test
    void theExtensionRecordsWithAKeyAndReplaysWithout() throws IOException {
        Path file = Path.of("target/cassettes-test/Fixture/answers.json");
        Files.deleteIfExists(file);

        assertThat(runFixture("record")).isZero();
        assertThat(authorizations).hasSize(1);
        assertThat(Files.readString(file)).contains("It is 42.").doesNotContain(KEY);
        server.stop(0);
        assertThat(runFixture(null)).as("PRAXIS_TEST_KEY_NOT_SET is unset: replay").isZero();
        assertThat(authorizations).hasSize(1);
    }

    private static long runFixture(String mode) {
        if (mode == null) {
            System.clearProperty(RecordReplay.MODE_PROPERTY);
        } else {
            System.setProperty(RecordReplay.MODE_PROPERTY, mode);
        }
        try {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(request().selectors(selectClass(Fixture.class)).build(), summary);
            summary.getSummary().getFailures().forEach(f -> f.getException().printStackTrace());
            assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
            return summary.getSummary().getTotalFailureCount();
        } finally {
            System.clearProperty(RecordReplay.MODE_PROPERTY);
        }
    }

    /** A user's test, run by the launcher above (surefire skips nested classes). */
    @ExtendWith(RecordReplay.class)
    @RecordReplay.Cassettes(dir = "target/cassettes-test", key = "PRAXIS_TEST_KEY_NOT_SET")
    static class Fixture {
        @Test
        void answers(Cassette cassette) {
            assertThat(cassette.client(CassetteTest::real).chat(ask("What is 6 times 7?")).aiMessage().text())
                    .isEqualTo("It is 42.");
        }
    }
}
