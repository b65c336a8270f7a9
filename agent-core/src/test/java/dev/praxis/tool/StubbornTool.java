package dev.praxis.tool;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.praxis.llm.Deadline;
import dev.praxis.testing.TestTools;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test tool that works until the test releases it and ignores every interrupt on the way:
 * what the toolbox must abandon at a deadline and never interrupt. It remembers whether it was
 * interrupted, whether it returned, the context of its last call and the deadline bound to its
 * thread. Shared by the deadline tests of the toolbox and of the agent run.
 */
public final class StubbornTool implements Tool {

    private final Tool tool;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean returned = new AtomicBoolean();
    private final AtomicReference<ToolContext> context = new AtomicReference<>();
    private final AtomicReference<Deadline> bound = new AtomicReference<>();

    private StubbornTool(String name, SideEffect effect, Runnable onStart, Runnable afterRelease,
                         String answer) {
        this.tool = TestTools.named(name).description("works until released").sideEffect(effect)
                .answers((args, callContext) -> {
                    context.set(callContext);
                    bound.set(Deadline.current().orElse(null));
                    onStart.run();
                    started.countDown();
                    awaitIgnoringInterrupts();
                    afterRelease.run();
                    returned.set(true);
                    return answer;
                });
    }

    /** A read-only tool {@code name} that answers {@code answer} once released. */
    public static StubbornTool named(String name, String answer) {
        return new StubbornTool(name, SideEffect.READ_ONLY, () -> { }, () -> { }, answer);
    }

    /**
     * A tool {@code name} with {@code effect} that runs {@code onStart} when a call starts (on its
     * thread, before {@link #awaitStarted} returns) and {@code afterRelease} once released.
     */
    public static StubbornTool named(String name, SideEffect effect, Runnable onStart, Runnable afterRelease) {
        return new StubbornTool(name, effect, onStart, afterRelease, "done");
    }

    private void awaitIgnoringInterrupts() {
        while (true) {
            try {
                if (release.await(30, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                interrupted.set(true); // and keeps working, as a tool that swallows interrupts does
            }
        }
    }

    /** Lets every call (running or future) finish. */
    public void release() {
        release.countDown();
    }

    /** Waits up to 10 s for a call to start; whether one did. */
    public boolean awaitStarted() throws InterruptedException {
        return started.await(10, TimeUnit.SECONDS);
    }

    /** Whether anything interrupted a call's thread. */
    public boolean interrupted() {
        return interrupted.get();
    }

    /** Whether a call has returned. */
    public boolean returned() {
        return returned.get();
    }

    /** The context of the last call that started, or null. */
    public ToolContext context() {
        return context.get();
    }

    /** The deadline bound to the thread of the last call that started ({@link Deadline#current}), or null. */
    public Deadline boundDeadline() {
        return bound.get();
    }

    @Override
    public ToolSpecification spec() {
        return tool.spec();
    }

    @Override
    public SideEffect sideEffect() {
        return tool.sideEffect();
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext callContext) {
        return tool.execute(call, callContext);
    }
}
