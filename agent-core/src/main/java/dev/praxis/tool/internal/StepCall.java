package dev.praxis.tool.internal;

import dev.praxis.llm.Deadline;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One call of a step with several, handed to a framework thread once, from its first link to the
 * tool, while the step's thread waits for it. The gates and approval run on that thread as they
 * would on the step's; when the call reaches its deadline link, the deadline starts and the step
 * stops waiting at it (the call is abandoned, never interrupted), and the tool runs on the same
 * thread instead of a second one. Links before the deadline then see what they would have seen:
 * the timed-out failure, once the tool returns.
 */
public final class StepCall extends PendingCall {

    private final CallLinks links;
    private final ToolInterceptor step;
    private final Tool tool;
    private final ToolCall call;
    private final ToolContext context;
    private final boolean approved;
    // set by the deadline link before it arms the wait: what to report if the call is abandoned
    private Duration limit;
    private boolean runBinds;
    private Deadline run;

    private StepCall(CallLinks links, ToolInterceptor step, Tool tool, ToolCall call, ToolContext context,
                     boolean approved) {
        super(null, null);
        this.links = links;
        this.step = step;
        this.tool = tool;
        this.call = call;
        this.context = context;
        this.approved = approved;
    }

    /**
     * Starts {@code call} of {@code tool} through {@code links} (with {@code step} in their step
     * slot, if not null) on {@code executor}; the calling thread is the one that waits for it.
     *
     * @throws RejectedExecutionException if no thread can take the call
     */
    public static StepCall start(CallLinks links, ToolInterceptor step, Tool tool, ToolCall call, ToolContext context,
                                 boolean approved, Executor executor) {
        StepCall started = new StepCall(links, step, tool, call, context, approved);
        executor.execute(started);
        return started;
    }

    @Override
    ToolResult compute() {
        return CallChain.run(links, step, tool, call, context, approved, this);
    }

    @Override
    String toolName() {
        return call.name();
    }

    /**
     * Called by the deadline link on the call's thread: the step waits {@code limit} from now;
     * {@code runBinds} when that is the time {@code run} has left rather than the tool's timeout.
     */
    void arm(Duration limit, boolean runBinds, Deadline run) {
        this.limit = limit;
        this.runBinds = runBinds;
        this.run = run;
        arm(CallDeadline.saturatedNanos(limit), runBinds ? run.what() : "its deadline"); // publishes the three
    }

    private ToolResult timedOut() {
        return CallDeadline.timedOut(call.name(), limit, runBinds, run);
    }

    /** What the links before the deadline get for a call the step gave up on. */
    ToolResult abandonedWith() {
        return cancelled() ? CallDeadline.cancelled(call.name()) : timedOut();
    }

    /**
     * The call's result, waiting for it on the thread that started it; a call past its deadline
     * is abandoned and reported as timed out.
     *
     * @throws InterruptedException if the waiting thread was interrupted; the call is abandoned
     */
    public ToolResult result() throws InterruptedException {
        try {
            return await();
        } catch (TimeoutException e) {
            return timedOut();
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("tool call failed", e);
        }
    }

    /** The result if the call has finished, otherwise abandons it (if not yet) and reports it as cancelled. */
    public ToolResult cancel() {
        if (giveUp(CANCELLED) || abandoned()) {
            return CallDeadline.cancelled(call.name());
        }
        try {
            return await(); // finished: its outcome stands
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("tool call failed", e);
        }
    }
}
