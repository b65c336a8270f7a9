package dev.praxis.tool;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The only call of a step runs on the caller's thread, governed exactly like a handed-off call. */
class InlineCallTest {

    private static final JsonObjectSchema NO_ARGS = JsonObjectSchema.builder().build();

    private static ToolCall call(String name) {
        return new ToolCall("c1", name, "{}");
    }

    private static ToolContext run() {
        return new ToolContext("r", 1, null);
    }

    /** Sleeps a minute unless interrupted; restores the interrupt flag as well-behaved code does. */
    private static Tool sleeper(CountDownLatch started, CountDownLatch interrupted) {
        return Tools.of("sleeper", "sleeps", NO_ARGS, SideEffect.READ_ONLY, args -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return "woke";
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted");
            }
        });
    }

    public static class Napper {
        final CountDownLatch started = new CountDownLatch(1);

        @dev.langchain4j.agent.tool.Tool("Sleeps a minute")
        public String nap() throws InterruptedException {
            started.countDown();
            Thread.sleep(60_000);
            return "rested";
        }
    }

    @Test
    void runsTheOnlyCallOfAStepOnTheCallersThreadUnlessIsolated() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Tool where = Tools.of("where", "where", NO_ARGS, SideEffect.READ_ONLY, args -> {
            ranOn.set(Thread.currentThread());
            return "here";
        });

        ToolResult inline = Toolbox.of(where).execute(call("where"), run());
        Thread inlineThread = ranOn.get();
        ToolResult isolated = Toolbox.of(where).withIsolatedCalls().execute(call("where"), run());

        assertThat(inline).isEqualTo(ToolResult.ok("here"));
        assertThat(inlineThread).isSameAs(Thread.currentThread());
        assertThat(isolated).isEqualTo(ToolResult.ok("here"));
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void interruptsAnInlineCallAtItsDeadlineAndReportsItAsTimedOut() {
        CountDownLatch interrupted = new CountDownLatch(1);
        Toolbox toolbox = Toolbox.of(sleeper(new CountDownLatch(1), interrupted))
                .withTimeout("sleeper", Duration.ofMillis(100));

        ToolResult result = toolbox.execute(call("sleeper"), run());

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains("did not finish within 100 ms");
        assertThat(((ToolResult.Failed) result).retriable()).isTrue();
        assertThat(interrupted.getCount()).isZero();
        // the deadline's own interrupt is not a cancellation of the run
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void deadlineOfACallThatFinishedInTimeNeverFiresLater() throws Exception {
        Tool quick = Tools.of("quick", "quick", NO_ARGS, SideEffect.READ_ONLY, args -> "done");
        Toolbox toolbox = Toolbox.of(quick).withTimeout("quick", Duration.ofMillis(20));

        for (int i = 0; i < 50; i++) {
            assertThat(toolbox.execute(call("quick"), run())).isEqualTo(ToolResult.ok("done"));
        }
        Thread.sleep(200); // throws InterruptedException if a stale deadline interrupted this thread

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void cancellingTheRunInterruptsTheInlineCallAndKeepsTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Toolbox toolbox = Toolbox.of(sleeper(started, interrupted));

        Outcome outcome = runAndCancel(toolbox, started);

        assertThat(interrupted.getCount()).isZero();
        assertThat(outcome.results()).singleElement().extracting(ToolResult::text).asString()
                .contains("cancelled: the run was stopped before tool 'sleeper' finished");
        assertThat(outcome.flagKept()).isTrue();
    }

    @Test
    void annotatedMethodThatThrowsInterruptedExceptionCountsAsCancelled() throws Exception {
        Napper napper = new Napper();
        Toolbox toolbox = Toolbox.of(Tools.from(napper));

        Outcome outcome = runAndCancel(toolbox, napper.started);

        assertThat(outcome.results()).singleElement().extracting(ToolResult::text).asString().contains("cancelled");
        assertThat(outcome.flagKept()).isTrue();
    }

    @Test
    void doesNotStartTheCallOfARunAlreadyCancelled() {
        List<String> ran = new ArrayList<>();
        Tool tool = Tools.of("t", "t", NO_ARGS, SideEffect.READ_ONLY, args -> {
            ran.add("t");
            return "ran";
        });

        Thread.currentThread().interrupt();
        ToolResult result = Toolbox.of(tool).execute(call("t"), run());
        boolean flagKept = Thread.interrupted();

        assertThat(result.text()).contains("cancelled");
        assertThat(ran).isEmpty();
        assertThat(flagKept).isTrue();
    }

    @Test
    void approvalDecidesBeforeAnInlineCallRuns() {
        List<String> ran = new ArrayList<>();
        Tool pay = Tools.of("pay", "pay", NO_ARGS, SideEffect.EXTERNAL, args -> {
            ran.add(Thread.currentThread().getName());
            return "paid";
        });
        Toolbox denied = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.deny("no"));
        Toolbox pending = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q));
        Toolbox allowed = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.allow());

        assertThat(denied.execute(call("pay"), run())).isEqualTo(new ToolResult.Denied("no"));
        assertThat(pending.execute(call("pay"), run())).isInstanceOf(ToolResult.AwaitingApproval.class);
        assertThat(ran).isEmpty();
        assertThat(allowed.execute(call("pay"), run())).isEqualTo(ToolResult.ok("paid"));
        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void observerHearsTheInlineCallOnceWithItsOwnDuration() {
        Tool slow = Tools.of("slow", "slow", NO_ARGS, SideEffect.READ_ONLY, args -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "ok";
        });
        List<String> heard = new ArrayList<>();
        List<Duration> durations = new ArrayList<>();

        Toolbox.of(slow).execute(List.of(call("slow")), run(), new ToolObserver() {
            @Override
            public void started(ToolCall c) {
                heard.add("started " + c.name());
            }

            @Override
            public void finished(ToolCall c, ToolResult result, Duration duration) {
                heard.add("finished " + c.name() + " " + result.text());
                durations.add(duration);
            }
        });

        assertThat(heard).containsExactly("started slow", "finished slow ok");
        assertThat(durations.get(0)).isGreaterThan(Duration.ZERO);
    }

    private record Outcome(List<ToolResult> results, boolean flagKept) {
    }

    private static Outcome runAndCancel(Toolbox toolbox, CountDownLatch started) throws InterruptedException {
        AtomicReference<List<ToolResult>> results = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread loop = new Thread(() -> {
            results.set(toolbox.execute(List.of(call(toolbox.tools().get(0).name())), run(), ToolObserver.NONE));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        loop.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        loop.interrupt();
        loop.join(10_000);
        assertThat(loop.isAlive()).isFalse();
        return new Outcome(results.get(), flagKept.get());
    }
}
