package dev.praxis.agent;

import dev.praxis.state.CheckpointConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a run ends, in one place: what turns a failure into a typed stop, and how the end is
 * recorded (guards released, state stored, memory written) and told to listeners exactly once.
 *
 * <p>Any {@link Throwable} from a phase (a tool's {@code Error}, a listener, the model client,
 * conversation memory, the checkpoint store) ends the run {@link Status#FAILED} with the cause
 * in the reason. A {@link VirtualMachineError} other than {@link StackOverflowError} (an
 * {@code OutOfMemoryError}, {@code InternalError}, {@code UnknownError}) leaves the JVM in a
 * state nobody can vouch for and is treated like the process dying there: the run writes and
 * tells nothing more, so a durable run stays stored as RUNNING at its last checkpoint and can
 * be resumed like after a crash, and the error is thrown on to the caller. A stack overflow
 * has unwound by the time it reaches the loop, so it ends the run like any other failure. If the end
 * cannot be stored (or its last turn not written to memory), the run ends FAILED instead, so
 * a durable run's stored phase agrees with the result the caller gets whenever the store
 * accepts a write at all. Thread-safe.
 */
final class RunEnd {

    private static final Logger log = LoggerFactory.getLogger(LlmAgent.class);

    private final String agent;
    private final AgentListener listener;
    private final RunGuard guard;
    private final Checkpoints checkpoints;

    RunEnd(String agent, AgentListener listener, RunGuard guard, Checkpoints checkpoints) {
        this.agent = agent;
        this.listener = listener;
        this.guard = guard;
        this.checkpoints = checkpoints;
    }

    /** Runs {@code phase}; whatever it throws becomes a FAILED stop naming the cause. */
    Next guarded(Run run, Supplier<Next> phase) {
        try {
            return phase.get();
        } catch (Throwable e) {
            throwIfFatal(e);
            return failed(run, e);
        }
    }

    /** Runs {@code phase} on {@code run}; whatever it throws becomes a FAILED stop naming the cause. */
    Next guarded(Run run, Function<Run, Next> phase) {
        try {
            return phase.apply(run);
        } catch (Throwable e) {
            throwIfFatal(e);
            return failed(run, e);
        }
    }

    private Next failed(Run run, Throwable e) {
        log.warn("run {} of agent '{}' failed at step {}", run.runId, agent, run.nextStep(), e);
        return Next.stop(Status.FAILED, "failed at step " + run.nextStep() + ": " + describe(e));
    }

    /** Ends the run as {@code next} decided: records the end, tells the listener once, returns the result. */
    AgentResult end(Run run, Next next) {
        AgentResult result;
        if (next instanceof Next.Answer answer) {
            result = record(run, Status.COMPLETED, answer.reason());
        } else if (next instanceof Next.Pause) {
            result = record(run, Status.AWAITING_APPROVAL, RunLoop.pauseReason(run));
        } else if (next instanceof Next.Stop stop) {
            result = record(run, stop.status(), stop.reason());
        } else {
            throw new IllegalStateException("a run cannot end on " + next);
        }
        tell(result);
        return result;
    }

    private AgentResult record(Run run, Status status, String reason) {
        if (status != Status.AWAITING_APPROVAL) {
            release(run);
        }
        AgentResult result = run.result(status, reason);
        try {
            checkpoints.ended(run, result);
            return result;
        } catch (CheckpointConflictException e) {
            // another writer owns the stored run: it must not be overwritten, not even with this failure
            log.warn("run {} lost its checkpoint to another writer", run.runId, e);
            return status == Status.FAILED ? result : run.result(Status.FAILED, "the run ended " + status
                    + " but another writer owns its checkpoint: " + describe(e));
        } catch (Throwable e) {
            throwIfFatal(e);
            log.warn("could not store the end ({}) of run {} or write its last turn to memory", status, run.runId, e);
            AgentResult failed = run.result(Status.FAILED, "the run ended " + status + " but its end could not be"
                    + " stored: " + describe(e));
            try {
                checkpoints.ended(run, failed);
            } catch (Throwable again) {
                throwIfFatal(again);
                log.warn("could not store the failure of run {} either", run.runId, again);
            }
            return failed;
        }
    }

    private void release(Run run) {
        try {
            guard.ended(run.runId); // a paused run keeps its guard state for resume
        } catch (Throwable e) {
            throwIfFatal(e);
            log.warn("a guardrail failed to release run {}", run.runId, e);
        }
    }

    /** Tells the listener how the run ended; a listener failing here is logged, never changes the result. */
    private void tell(AgentResult result) {
        if (listener == AgentListener.NONE) {
            return;
        }
        AgentEvent event = result.status() == Status.COMPLETED
                ? new AgentEvent.Completed(result.runId(), result)
                : new AgentEvent.Stopped(result.runId(), result);
        try {
            listener.on(event);
        } catch (Throwable e) {
            throwIfFatal(e);
            log.warn("a listener failed on the end ({}) of run {}; the result stands", result.status(),
                    result.runId(), e);
        }
    }

    /** Throws {@code e} on if it leaves the JVM in doubt: the run then stops as if the process died. */
    private static void throwIfFatal(Throwable e) {
        if (e instanceof VirtualMachineError error && !(e instanceof StackOverflowError)) {
            throw error;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
