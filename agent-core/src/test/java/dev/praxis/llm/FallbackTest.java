package dev.praxis.llm;

import org.junit.jupiter.api.Test;

import static dev.praxis.llm.Replies.HELLO;
import static dev.praxis.llm.Replies.http;
import static dev.praxis.llm.Replies.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FallbackTest {

    @Test
    void triesAlternativesInOrderAfterTransientFailures() {
        var primary = new Replies(http(503));
        var second = new Replies(http(429));
        var third = new Replies(ok("from third"));

        var response = primary.with(Fallback.to(second, third)).chat(HELLO);

        assertThat(response.aiMessage().text()).isEqualTo("from third");
        assertThat(primary.calls).hasValue(1);
        assertThat(second.calls).hasValue(1);
        assertThat(third.calls).hasValue(1);
    }

    @Test
    void doesNotCallAlternativesWhenThePrimaryAnswers() {
        var primary = new Replies(ok("primary"));
        var backup = new Replies();

        assertThat(primary.with(Fallback.to(backup)).chat(HELLO).aiMessage().text()).isEqualTo("primary");
        assertThat(backup.calls).hasValue(0);
    }

    @Test
    void stopsAtAPermanentFailureUnlessToldOtherwise() {
        var primary = new Replies(http(400), http(400));
        var backup = new Replies(ok("backup"));

        assertThatThrownBy(() -> primary.with(Fallback.to(backup)).chat(HELLO)).hasMessageContaining("400");
        assertThat(backup.calls).hasValue(0);

        assertThat(primary.with(Fallback.to(backup).onAnyFailure()).chat(HELLO).aiMessage().text()).isEqualTo("backup");
    }

    @Test
    void throwsTheLastFailureWithTheEarlierOnesSuppressed() {
        var primary = new Replies(http(500));
        var backup = new Replies(http(502));

        assertThatThrownBy(() -> primary.with(Fallback.to(backup)).chat(HELLO))
                .hasMessageContaining("502")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("500")));
    }

    @Test
    void streamsFromTheNextModelWhenTheFirstFailsBeforeAnyToken() {
        var primary = new Replies(http(503));
        var backup = new Replies(ok("streamed by backup"));
        var recorder = new LlmClientTest.Recorder();

        primary.with(Fallback.to(backup)).stream(HELLO, recorder);

        assertThat(recorder.events).containsExactly("partial:streamed by backup", "complete:streamed by backup");
    }
}
