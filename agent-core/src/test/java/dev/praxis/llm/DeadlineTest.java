package dev.praxis.llm;

import dev.praxis.llm.internal.ProviderHttpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static dev.praxis.llm.Replies.HELLO;
import static dev.praxis.llm.Replies.fail;
import static dev.praxis.llm.Replies.http;
import static dev.praxis.llm.Replies.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The caller's deadline reaches every decorator without a change to {@code LlmClient}. */
class DeadlineTest {

    private final FakeTime time = new FakeTime();

    @Test
    void isVisibleInsideTheCallOnlyAndNestedDeadlinesKeepTheEarlier() {
        Deadline outer = Deadline.after(Duration.ofSeconds(1), "outer");
        Deadline inner = Deadline.after(Duration.ofMinutes(5), "inner");

        String seen = outer.call(() -> inner.call(() -> Deadline.current().orElseThrow().what()));

        assertThat(seen).isEqualTo("outer");
        assertThat(Deadline.current()).isEmpty();
        assertThat(Deadline.bound(Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void aRetryAfterLongerThanTheTimeLeftEndsTheCallAtOnceWithoutWaiting() {
        var model = new Replies(fail(new ProviderHttpException(429, "slow down", Duration.ofSeconds(30))), ok("late"));
        LlmClient llm = model.with(Retry.upTo(4).timing(time, () -> 0.5));

        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(10), "the run's time budget").call(() -> llm.chat(HELLO)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("the run's time budget ran out")
                .hasMessageContaining("asked to retry after 30000 ms");
        assertThat(model.calls).hasValue(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void aBackoffThatWouldEndPastTheDeadlineIsNoRetry() {
        var model = new Replies(http(503), http(503), ok("late"));
        LlmClient llm = model.with(Retry.upTo(4).baseDelay(Duration.ofSeconds(8)).timing(time, () -> 0.5));

        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(3)).call(() -> llm.chat(HELLO)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("before attempt 2")
                .hasMessageContaining("503");
        assertThat(model.calls).hasValue(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void withoutADeadlineRetryWaitsAsBefore() {
        var model = new Replies(http(503), ok("fine"));
        LlmClient llm = model.with(Retry.upTo(4).baseDelay(Duration.ofSeconds(8)).timing(time, () -> 0.5));

        assertThat(llm.chat(HELLO).aiMessage().text()).isEqualTo("fine");
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void aRateLimitWaitLongerThanTheTimeLeftFailsInsteadOfBlocking() {
        var model = new Replies(ok("1"), ok("2"));
        LlmClient limited = model.with(RateLimit.perMinute(1, time, time));
        limited.chat(HELLO);

        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(5)).call(() -> limited.chat(HELLO)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("waiting for the rate limit");
        assertThat(time.sleeps).isEmpty();
        assertThat(model.calls).hasValue(1);
    }

    @Test
    void aTimeoutShrinksToTheDeadlineAndSaysSo() {
        CountDownLatch never = new CountDownLatch(1);
        LlmClient hanging = request -> {
            try {
                never.await(); // a model that never answers, until the timeout interrupts its thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        };
        LlmClient llm = hanging.with(Timeout.total(Duration.ofMinutes(1)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(200)).call(() -> llm.chat(HELLO)))
                .isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("while waiting for the model's answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void deadlineFailuresAreNotRetriableSoNoDecoratorRetriesThem() {
        DeadlineExceededException e = Deadline.after(Duration.ZERO, "budget").exceeded("somewhere");

        assertThat(e.isRetriable()).isFalse();
        assertThat(e).hasMessage("budget ran out somewhere");
        assertThat(Deadline.after(Duration.ZERO).expired()).isTrue();
    }
}
