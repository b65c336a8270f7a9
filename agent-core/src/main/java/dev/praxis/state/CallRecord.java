package dev.praxis.state;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a run's tool-call journal. A side-effecting call is recorded as
 * {@link CallStatus#STARTED} before it runs and {@link CallStatus#FINISHED} with its result
 * after; on resume a finished call's result is replayed instead of running it again, and a
 * call still marked started was in flight when the run stopped: it is reported, never
 * silently repeated.
 *
 * @param key    the call's idempotency key ({@code runId/step/callId})
 * @param step   the step the call belongs to
 * @param call   the call
 * @param status started or finished
 * @param result the result, once finished
 */
public record CallRecord(String key, int step, ToolCall call, CallStatus status, Optional<ToolResult> result) {

    /** Rejects nulls, and a finished call without a result. */
    public CallRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        if (status == CallStatus.FINISHED && result.isEmpty()) {
            throw new IllegalArgumentException("finished call " + key + " needs its result");
        }
    }

    /** Whether a call is under way or done. */
    public enum CallStatus {
        /** Recorded just before the tool ran; still so after a crash means the call was in flight. */
        STARTED,
        /** The tool returned; the result is recorded. */
        FINISHED
    }

    /** A call about to run. */
    public static CallRecord started(String key, int step, ToolCall call) {
        return new CallRecord(key, step, call, CallStatus.STARTED, Optional.empty());
    }

    /** This call, finished with {@code outcome}. */
    public CallRecord finished(ToolResult outcome) {
        return new CallRecord(key, step, call, CallStatus.FINISHED, Optional.of(outcome));
    }
}
