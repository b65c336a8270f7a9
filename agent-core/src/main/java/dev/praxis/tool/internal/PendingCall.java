package dev.praxis.tool.internal;

import dev.praxis.llm.Deadline;
import dev.praxis.tool.ToolInterceptor;
import dev.praxis.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One tool call handed to a framework thread, and the one thread waiting for it: the smallest
 * completion slot that does what {@link CallDeadline} needs (a result, a bounded wait, giving
 * up without interrupting). Either the call finishes first and the waiter takes its outcome, or
 * the waiter gives up first and the call's late outcome is only logged; exactly one of the two
 * wins, so a call that finishes while the waiter gives up is never both dropped and lost.
 * The wait is bounded from the start ({@link #await(long, String)}), or, for a {@link StepCall}
 * handed off from its first link, from when the call reaches its deadline link ({@link #arm}).
 *
 * <p>A waiting platform thread spins for up to {@link #SPIN_NANOS} before it parks: calls
 * that end in microseconds (in-memory tools) then cost no second thread wake-up. A virtual
 * thread never spins, since spinning would hold the carrier the call itself may need.
 */
class PendingCall implements Runnable, Supplier<ToolResult> {

    /** How long a waiting platform thread spins before it parks (bench/FIXES.md, "Session 7"). */
    static final long SPIN_NANOS = 20_000;

    private static final Logger log = LoggerFactory.getLogger(PendingCall.class);
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;
    private static final VarHandle STATE;
    private static final MethodHandle IS_VIRTUAL = isVirtualOrNull();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PendingCall.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ToolInterceptor.Chain chain;
    private final Deadline deadline;
    private final Thread waiter;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Set by the waiter before it first parks: until then a finished call need not unpark it. */
    private volatile boolean parking;
    private ToolResult result;
    private Throwable thrown;
    /** Whether {@link #deadlineAt} holds the call's deadline yet. */
    private volatile boolean armed;
    private volatile long deadlineAt;
    private volatile String deadlineName;
    private long abandonedAt;
    private String abandonedBecause;

    /**
     * The rest of {@code chain} from its link on, to run with {@code deadline} bound to the thread
     * that runs it; the thread making the slot is the one that waits.
     */
    PendingCall(ToolInterceptor.Chain chain, Deadline deadline) {
        this.chain = chain;
        this.deadline = deadline;
        this.waiter = Thread.currentThread();
    }

    /** The call itself, run inside the deadline's binding. */
    @Override
    public ToolResult get() {
        return chain.proceed(chain.call());
    }

    /** Runs the call on this (framework) thread; what {@link #run} completes the slot with. */
    ToolResult compute() {
        return deadline.call(this);
    }

    /** The name of the call's tool, for the log line of a call that returns after it was abandoned. */
    String toolName() {
        return chain.call().name();
    }

    @Override
    public void run() {
        try {
            result = compute();
        } catch (Throwable e) {
            thrown = e;
        }
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            if (parking) {
                LockSupport.unpark(waiter);
            }
        } else {
            log.info("tool '{}' returned {} ms after it was abandoned ({}); its result was dropped", toolName(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - abandonedAt), abandonedBecause);
        }
    }

    /**
     * Waits at most {@code nanos} for the call's result, on the thread that made this slot;
     * {@code deadline} names the limit in the log line of a call that returns after it.
     *
     * @throws TimeoutException     if the call was still running; it is abandoned
     * @throws InterruptedException if the waiting thread was interrupted; the call is abandoned
     *                              and the flag is cleared, as usual for this exception
     * @throws Throwable            whatever the call threw
     */
    final ToolResult await(long nanos, String deadline) throws Throwable {
        deadlineAt = System.nanoTime() + nanos;
        deadlineName = deadline;
        armed = true;
        return await();
    }

    /**
     * Starts the call's deadline from the thread that runs it: the waiter gives up {@code nanos}
     * from now; {@code deadline} names the limit as in {@link #await(long, String)}.
     */
    final void arm(long nanos, String deadline) {
        deadlineAt = System.nanoTime() + nanos;
        deadlineName = deadline;
        armed = true;
        if (parking) {
            LockSupport.unpark(waiter); // it may be waiting without a time limit
        }
    }

    /**
     * Waits for the call's result, on the thread that made this slot: without a time limit until
     * the call's deadline is {@linkplain #arm armed}, then until it.
     *
     * @throws TimeoutException     if the call was still running at its deadline; it is abandoned
     * @throws InterruptedException if the waiting thread was interrupted; the call is abandoned
     *                              and the flag is cleared, as usual for this exception
     * @throws Throwable            whatever the call threw
     */
    final ToolResult await() throws Throwable {
        long start = System.nanoTime();
        if (state == RUNNING && !isVirtual(waiter)) {
            int spins = 0;
            while (state == RUNNING && ((++spins & 63) != 0 || System.nanoTime() - start < SPIN_NANOS)) {
                Thread.onSpinWait();
            }
        }
        parking = true; // read by the call after it sets the state (or arms), so one of the two sees the other
        while (state == RUNNING) {
            if (Thread.interrupted()) {
                if (giveUp(CANCELLED)) {
                    throw new InterruptedException();
                }
                Thread.currentThread().interrupt(); // finished after all: its result stands, the flag stays
                break;
            }
            if (!armed) {
                LockSupport.park(this);
                continue;
            }
            long left = deadlineAt - System.nanoTime();
            if (left <= 0) {
                if (giveUp(deadlineName)) {
                    throw new TimeoutException();
                }
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        if (thrown != null) {
            throw thrown;
        }
        return result;
    }

    /** Why the waiter gives up on a call when its thread is interrupted. */
    static final String CANCELLED = "the run was cancelled";

    /** Whether the waiter gave up on the call. */
    final boolean abandoned() {
        return state == ABANDONED;
    }

    /** Whether the waiter gave up on the call because the run was cancelled. */
    final boolean cancelled() {
        return abandoned() && abandonedBecause == CANCELLED;
    }

    /** Abandons the call unless it finished in the meantime; true if it was abandoned. */
    final boolean giveUp(String because) {
        abandonedAt = System.nanoTime();
        abandonedBecause = because;
        return STATE.compareAndSet(this, RUNNING, ABANDONED);
    }

    private static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtualOrNull() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // before Java 21 every thread is a platform thread
        }
    }
}
