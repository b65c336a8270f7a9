package dev.praxis.llm;

import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.praxis.llm.Replies.HELLO;
import static dev.praxis.llm.Replies.fail;
import static dev.praxis.llm.Replies.http;
import static dev.praxis.llm.Replies.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {

    private final FakeTime time = new FakeTime();
    private final Retry retry = Retry.upTo(4).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(300))
            .timing(time, () -> 0.5);

    @Test
    void retriesTransientFailuresWithFullJitterExponentialDelays() {
        var model = new Replies(http(503), http(429), fail(new LlmException("reset", null, true)), ok("done"));

        ChatResponse response = model.with(retry).chat(HELLO);

        assertThat(response.aiMessage().text()).isEqualTo("done");
        assertThat(model.calls).hasValue(4);
        // caps 100, 200, min(400, 300) ms, each times the jitter draw 0.5
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void jitterIsDrawnAnewForEveryWait() {
        List<Double> draws = new ArrayList<>(List.of(0.0, 0.99));
        var model = new Replies(http(500), http(500), ok("done"));

        model.with(Retry.upTo(3).baseDelay(Duration.ofMillis(100)).timing(time, () -> draws.remove(0))).chat(HELLO);

        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofMillis(198));
    }

    @Test
    void honoursRetryAfterInsteadOfBackoff() {
        var model = new Replies(fail(new LlmException("HTTP 429", null, true, Duration.ofSeconds(7))), ok("done"));

        model.with(retry.maxRetryAfter(Duration.ofSeconds(10))).chat(HELLO);

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void givesUpAtOnceWhenRetryAfterExceedsTheLimit() {
        var model = new Replies(fail(new LlmException("HTTP 429", null, true, Duration.ofMinutes(5))));

        assertThatThrownBy(() -> model.with(retry).chat(HELLO))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("retry after 300 s");
        assertThat(model.calls).hasValue(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void neverRetriesPermanentFailures() {
        for (int status : new int[] {400, 401, 403, 404}) {
            var model = new Replies(http(status));

            assertThatThrownBy(() -> model.with(retry).chat(HELLO)).hasMessageContaining("status " + status);
            assertThat(model.calls).hasValue(1);
        }
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void reportsTheAttemptCountWhenRetriesRunOut() {
        var model = new Replies(http(502), http(502), http(502), http(502));

        assertThatThrownBy(() -> model.with(retry).chat(HELLO))
                .isInstanceOf(LlmException.class)
                .hasMessage("model call failed after 4 attempts: status 502");
        assertThat(model.calls).hasValue(4);
        assertThat(time.sleeps).hasSize(3);
    }

    @Test
    void retriesAStreamThatFailsBeforeItsFirstToken() {
        var model = new Replies(http(503), ok("streamed"));
        var recorder = new LlmClientTest.Recorder();

        model.with(retry).stream(HELLO, recorder);

        assertThat(recorder.events).containsExactly("partial:streamed", "complete:streamed");
        assertThat(model.calls).hasValue(2);
    }

    @Test
    void doesNotRetryAStreamAfterTextReachedTheCaller() {
        LlmClient halfway = new LlmClient() {
            @Override
            public ChatResponse chat(dev.langchain4j.model.chat.request.ChatRequest request) {
                throw new AssertionError();
            }

            @Override
            public void stream(dev.langchain4j.model.chat.request.ChatRequest request,
                               dev.langchain4j.model.chat.response.StreamingChatResponseHandler handler) {
                handler.onPartialResponse("Hel");
                handler.onError(new LlmException("connection reset", null, true));
            }
        };
        var recorder = new LlmClientTest.Recorder();

        halfway.with(retry).stream(HELLO, recorder);

        assertThat(recorder.events).containsExactly("partial:Hel", "error:connection reset");
        assertThat(time.sleeps).isEmpty();
    }
}
