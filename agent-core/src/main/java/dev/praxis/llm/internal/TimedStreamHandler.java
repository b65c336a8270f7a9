package dev.praxis.llm.internal;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.praxis.llm.Deadline;
import dev.praxis.llm.LlmException;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fails a stream that is too slow: no first token in time, or no end in time. Delivers
 * exactly one terminal callback downstream and cancels the provider's stream on timeout.
 */
public final class TimedStreamHandler implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler downstream;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile StreamingHandle handle;
    private volatile ScheduledFuture<?> firstTokenDeadline;
    private volatile ScheduledFuture<?> totalDeadline;

    private TimedStreamHandler(StreamingChatResponseHandler downstream) {
        this.downstream = downstream;
    }

    /** Wraps {@code downstream}, arming both deadlines now. */
    public static TimedStreamHandler watch(StreamingChatResponseHandler downstream, Duration firstToken, Duration total) {
        return watch(downstream, firstToken, total, null);
    }

    /**
     * Wraps {@code downstream}, arming both deadlines now, each cut to what {@code deadline}
     * (nullable) leaves; running out of that fails with its {@code DeadlineExceededException}.
     */
    public static TimedStreamHandler watch(StreamingChatResponseHandler downstream, Duration firstToken, Duration total,
                                           Deadline deadline) {
        TimedStreamHandler h = new TimedStreamHandler(downstream);
        Duration left = deadline == null ? total : deadline.remaining();
        if (left.compareTo(total) < 0) {
            h.totalDeadline = DaemonThreads.TIMERS.schedule(
                    () -> h.expire(deadline.exceeded("while the model was streaming")),
                    left.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            h.totalDeadline = DaemonThreads.TIMERS.schedule(() -> h.expire(new LlmException(
                    "model stream did not finish within " + total.toMillis() + " ms", null, true)),
                    total.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (firstToken.compareTo(left) < 0) {
            h.firstTokenDeadline = DaemonThreads.TIMERS.schedule(() -> h.expire(new LlmException(
                    "no token from the model within " + firstToken.toMillis() + " ms", null, true)),
                    firstToken.toNanos(), TimeUnit.NANOSECONDS);
        }
        return h;
    }

    @Override
    public void onPartialResponse(String text) {
        if (firstToken() && !finished.get()) {
            downstream.onPartialResponse(text);
        }
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle = context.streamingHandle();
        if (firstToken() && !finished.get()) {
            downstream.onPartialResponse(partial, context);
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
        handle = context.streamingHandle();
        if (firstToken() && !finished.get()) {
            downstream.onPartialToolCall(partial, context);
        }
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
        if (!finished.get()) {
            downstream.onCompleteToolCall(call);
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        if (finish()) {
            downstream.onCompleteResponse(response);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (finish()) {
            downstream.onError(error);
        }
    }

    private boolean firstToken() {
        if (started.compareAndSet(false, true)) {
            cancel(firstTokenDeadline);
        }
        return true;
    }

    private void expire(LlmException failure) {
        if (finish()) {
            StreamingHandle h = handle;
            if (h != null) {
                h.cancel();
            }
            downstream.onError(failure);
        }
    }

    private boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        cancel(firstTokenDeadline);
        cancel(totalDeadline);
        return true;
    }

    private static void cancel(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
