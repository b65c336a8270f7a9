package dev.praxis.llm;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.praxis.llm.Replies.HELLO;
import static dev.praxis.llm.Replies.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeoutTest {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    /** A model call that waits until interrupted, counting down {@link #started} and {@link #interrupted}. */
    private final LlmClient hanging = request -> {
        started.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted.countDown();
        }
        throw new AssertionError("should have been interrupted");
    };

    @Test
    void interruptsACallThatRunsTooLongAndReportsARetriableTimeout() throws InterruptedException {
        assertThatThrownBy(() -> hanging.with(Timeout.total(Duration.ofMillis(50))).chat(HELLO))
                .isInstanceOf(LlmException.class)
                .hasMessage("model call timed out after 50 ms")
                .matches(e -> ((LlmException) e).isRetriable());
        // On a loaded machine the call's thread may not have started within 50 ms: the call is then
        // cancelled before it runs and never starts (nothing to interrupt). Once it has started, it
        // must be interrupted.
        if (started.getCount() == 0) {
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCallThatHasStartedIsInterruptedAtItsTimeout() throws InterruptedException {
        // the timeout is long enough for any scheduler to start the call; the test does not wait for
        // it: the caller's thread is interrupted once the call has started, like a run being cancelled
        Thread caller = Thread.currentThread();
        Thread canceller = new Thread(() -> {
            try {
                started.await();
                caller.interrupt();
            } catch (InterruptedException ignored) {
                // the test ended
            }
        });
        canceller.start();

        assertThatThrownBy(() -> hanging.with(Timeout.total(Duration.ofMinutes(10))).chat(HELLO))
                .isInstanceOf(LlmException.class)
                .hasMessage("interrupted while waiting for the model");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        canceller.join();
    }

    @Test
    void passesThroughAnswersAndFailuresInTime() {
        assertThat(new Replies(ok("quick")).with(Timeout.total(Duration.ofSeconds(5))).chat(HELLO).aiMessage().text())
                .isEqualTo("quick");
        assertThatThrownBy(() -> new Replies(Replies.http(401)).with(Timeout.total(Duration.ofSeconds(5))).chat(HELLO))
                .hasMessageContaining("401");
    }

    @Test
    void failsAStreamWhoseFirstTokenDoesNotArriveInTime() throws InterruptedException {
        LlmClient silent = new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                throw new AssertionError();
            }

            @Override
            public void stream(ChatRequest request, StreamingChatResponseHandler handler) {
                // never answers
            }
        };
        CountDownLatch done = new CountDownLatch(1);
        var recorder = new LlmClientTest.Recorder() {
            @Override
            public void onError(Throwable error) {
                super.onError(error);
                done.countDown();
            }
        };

        silent.with(Timeout.total(Duration.ofSeconds(30)).firstToken(Duration.ofMillis(50))).stream(HELLO, recorder);

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.events).containsExactly("error:no token from the model within 50 ms");
    }
}
