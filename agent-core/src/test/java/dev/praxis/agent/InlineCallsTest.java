package dev.praxis.agent;

import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The opt-in to inline calls ({@code Toolbox.withInlineCalls}, {@code Builder.inlineCalls}): a
 * step's single call of a trusted tool runs on the run's thread, nothing interrupts it, its
 * deadline is checked when it returns, and every other call keeps the abandoning hand-off.
 */
class InlineCallsTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTools() {
        release.countDown();
    }

    /** A tool without arguments whose body sees the call's context. */
    private static Tool tool(String name, Function<ToolContext, String> body) {
        return TestTools.named(name).answers((arguments, context) -> body.apply(context));
    }

    /** Runs {@code agent} on a thread of its own and returns the result and that thread. */
    private static AgentResult runOn(Thread[] runner, LlmAgent agent) throws InterruptedException {
        AtomicReference<AgentResult> result = new AtomicReference<>();
        runner[0] = new Thread(() -> result.set(agent.run("go")), "the-run");
        runner[0].start();
        runner[0].join(20_000);
        return result.get();
    }

    @Test
    void aSingleCallOfAnInlineToolRunsOnTheRunsThreadAndOthersAreHandedOff() throws Exception {
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        Tool lookup = tool("lookup", c -> {
            ranOn.add(Thread.currentThread());
            return "found";
        });
        var llm = ScriptedLlm.of(toolCall("lookup", "{}"), toolCalls(call("lookup", "{}"), call("lookup", "{}")),
                text("done"));
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(lookup).inlineCalls("lookup").maxRepeatedCalls(0).build();
        Thread[] runner = new Thread[1];

        AgentResult result = runOn(runner, agent);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(ranOn).hasSize(3);
        assertThat(ranOn.get(0)).as("the step's only call").isSameAs(runner[0]);
        assertThat(ranOn.subList(1, 3)).as("a step with two calls hands both to framework threads")
                .doesNotContain(runner[0]);
        assertThat(agent.toolbox().inlineCalls()).containsExactly("lookup");
    }

    @Test
    void withoutTheOptInTheCallIsHandedToAnotherThread() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Tool lookup = tool("lookup", c -> {
            ranOn.set(Thread.currentThread());
            return "found";
        });
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("lookup", "{}"), text("done")))
                .tools(lookup).build();
        Thread[] runner = new Thread[1];

        AgentResult result = runOn(runner, agent);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(ranOn.get()).isNotNull().isNotSameAs(runner[0]);
    }

    @Test
    void aCallPastItsTimeoutIsNeverInterruptedAndIsReportedAsTimedOut(@TempDir Path dir) throws Exception {
        FileChannel store = FileChannel.open(dir.resolve("app.db"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        AtomicBoolean interrupted = new AtomicBoolean();
        Tool writer = tool("writer", c -> {
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(60)) { // longer than its 20 ms
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
            }
            try {
                store.write(ByteBuffer.wrap("row".getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                return "write failed: " + e;
            }
            return "written";
        });
        Toolbox toolbox = Toolbox.of(writer).withTimeout("writer", Duration.ofMillis(20)).withInlineCalls("writer");
        var llm = ScriptedLlm.of(toolCall("writer", "{}"), text("it timed out"));
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).build();

        AgentResult result = agent.run("write");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        ToolResult reported = result.steps().get(0).results().get(0);
        assertThat(reported).isInstanceOf(ToolResult.Failed.class);
        assertThat(((ToolResult.Failed) reported).retriable()).isTrue();
        assertThat(reported.text()).contains("did not finish within 20 ms").contains("ran inline")
                .contains("ran to completion").contains("its result was dropped");
        assertThat(interrupted).as("nothing interrupted the tool").isFalse();
        assertThat(store.isOpen()).isTrue();
        store.close();
        assertThat(Files.readString(dir.resolve("app.db"))).isEqualTo("row");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aCallThatOutlivesTheRunEndsItBudgetExhaustedNamingTheCall() {
        Duration budget = Duration.ofMillis(300);
        MutableClock clock = new MutableClock();
        AtomicBoolean interrupted = new AtomicBoolean();
        Tool crawl = tool("crawl", c -> {
            clock.advance(budget); // the run's own clock: its whole budget has passed
            while (!c.deadline().expired()) { // and in real time the call's deadline passes too
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
            }
            return "1000 pages";
        });
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        var llm = ScriptedLlm.of(toolCall("crawl", "{}"), text("crawled everything"));
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(crawl).inlineCalls("crawl").clock(clock)
                .listener(events::add).budget(Budget.DEFAULT.withMaxTime(budget)).build();

        AgentResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.run("crawl the web"));

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("time budget exhausted")
                .contains("while tool 'crawl' ran; it returned only after the run's deadline");
        assertThat(result.steps().get(0).results().get(0).text())
                .contains("tool 'crawl' was still running when the run's time budget ran out")
                .contains("ran inline").contains("its result was dropped").doesNotContain("1000 pages");
        assertThat(llm.requests()).as("the model is not asked again").hasSize(1);
        assertThat(events).noneMatch(AgentEvent.ToolAbandoned.class::isInstance);
        assertThat(interrupted).isFalse();
    }

    @Test
    void cancellingTheRunReachesTheInlineToolAndTheRunEndsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        Tool wait = tool("wait", c -> {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
                return "released";
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                Thread.currentThread().interrupt(); // as well-behaved code does
                return "stopped early";
            }
        });
        var llm = ScriptedLlm.of(toolCall("wait", "{}"), text("never"));
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(wait).inlineCalls("wait").build();
        AtomicReference<AgentResult> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread run = new Thread(() -> {
            result.set(agent.run("wait"));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        run.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        run.interrupt();
        run.join(20_000);

        assertThat(result.get().status()).isEqualTo(Status.CANCELLED);
        assertThat(sawInterrupt).as("the cancellation reached the tool on the run's thread").isTrue();
        assertThat(result.get().steps().get(0).results().get(0).text()).isEqualTo("stopped early");
        assertThat(flagKept).isTrue();
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void theDefaultStillAbandonsAHangingToolWithinItsTimeout() {
        AtomicBoolean interrupted = new AtomicBoolean();
        Tool hang = tool("hang", c -> {
            while (true) {
                try {
                    if (release.await(30, TimeUnit.SECONDS)) {
                        return "late";
                    }
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        });
        Tool quick = tool("quick", c -> "quick");
        Toolbox toolbox = Toolbox.of(hang, quick).withTimeout("hang", Duration.ofMillis(100)).withInlineCalls("quick");
        var llm = ScriptedLlm.of(toolCall("hang", "{}"), text("it hung"));
        LlmAgent agent = LlmAgent.builder().llm(llm).toolbox(toolbox).build();

        AgentResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.run("hang"));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).results().get(0).text()).contains("did not finish within 100 ms")
                .contains("abandoned (not interrupted)");
        assertThat(interrupted).isFalse();
    }

    @Test
    void namingAToolTheAgentDoesNotHaveFailsClearly() {
        Tool quick = tool("quick", c -> "quick");

        assertThatThrownBy(() -> Toolbox.of(quick).withInlineCalls("qiuck"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tool named 'qiuck'")
                .hasMessageContaining("[quick]");
        assertThatThrownBy(() -> LlmAgent.builder().llm(ScriptedLlm.of(text("x"))).tools(quick).inlineCalls("qiuck")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tool named 'qiuck'");
        assertThat(Toolbox.of(quick).withInlineCalls("quick").plus(Toolbox.of(tool("other", c -> "o")))
                .inlineCalls()).isEqualTo(Set.of("quick"));
    }
}
