package dev.praxis.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.praxis.llm.Replies.HELLO;
import static dev.praxis.llm.Replies.http;
import static dev.praxis.llm.Replies.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

    private final FakeTime time = new FakeTime();
    private final CircuitBreaker breaker = CircuitBreaker.after(2).openFor(Duration.ofSeconds(10)).clock(time);

    @Test
    void opensAfterConsecutiveTransientFailuresAndFailsFast() {
        var model = new Replies(http(503), http(503));
        LlmClient guarded = model.with(breaker);

        assertThatThrownBy(() -> guarded.chat(HELLO)).hasMessageContaining("503");
        assertThatThrownBy(() -> guarded.chat(HELLO)).hasMessageContaining("503");
        assertThatThrownBy(() -> guarded.chat(HELLO))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("circuit breaker is open")
                .matches(e -> ((LlmException) e).isRetriable());

        assertThat(model.calls).hasValue(2);
        assertThat(breaker.state()).isEqualTo("OPEN");
    }

    @Test
    void halfOpensAfterTheWaitAndClosesWhenTheProbeSucceeds() {
        var model = new Replies(http(500), http(500), ok("back"), ok("again"));
        LlmClient guarded = model.with(breaker);
        assertThatThrownBy(() -> guarded.chat(HELLO));
        assertThatThrownBy(() -> guarded.chat(HELLO));

        time.advance(Duration.ofSeconds(9));
        assertThatThrownBy(() -> guarded.chat(HELLO)).hasMessageContaining("circuit breaker is open");
        time.advance(Duration.ofMillis(1001));   // past the wait: the next call is the probe
        assertThat(breaker.state()).isEqualTo("HALF_OPEN");

        assertThat(guarded.chat(HELLO).aiMessage().text()).isEqualTo("back");
        assertThat(breaker.state()).isEqualTo("CLOSED");
        assertThat(guarded.chat(HELLO).aiMessage().text()).isEqualTo("again");
        assertThat(model.calls).hasValue(4);
    }

    @Test
    void reopensWhenTheProbeFails() {
        var model = new Replies(http(500), http(500), http(502));
        LlmClient guarded = model.with(breaker);
        assertThatThrownBy(() -> guarded.chat(HELLO));
        assertThatThrownBy(() -> guarded.chat(HELLO));
        time.advance(Duration.ofMillis(10_001));

        assertThatThrownBy(() -> guarded.chat(HELLO)).hasMessageContaining("502");

        assertThat(breaker.state()).isEqualTo("OPEN");
    }

    @Test
    void permanentFailuresDoNotCount() {
        var model = new Replies(http(401), http(400), http(401), ok("fine"));
        LlmClient guarded = model.with(breaker);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guarded.chat(HELLO)).hasMessageContaining("status");
        }

        assertThat(guarded.chat(HELLO).aiMessage().text()).isEqualTo("fine");
        assertThat(breaker.state()).isEqualTo("CLOSED");
    }
}
