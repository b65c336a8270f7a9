package dev.praxis.tool;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's deadline abandons the call, never interrupts it: cancellation of framework threads
 * is cooperative, so a tool past its deadline cannot have a channel of the application closed
 * under it by an interrupt.
 */
class CallDeadlineTest {

    private static final JsonObjectSchema NO_ARGS = JsonObjectSchema.builder().build();

    private static ToolCall call(String name) {
        return new ToolCall("c1", name, "{}");
    }

    private static ToolContext run() {
        return new ToolContext("r", 1, null);
    }

    @Test
    void aTimedOutToolIsAbandonedAndTheApplicationsChannelStaysOpen(@TempDir Path dir) throws Exception {
        FileChannel store = FileChannel.open(dir.resolve("app.db"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        CountDownLatch wrote = new CountDownLatch(1);
        AtomicReference<Exception> writeFailure = new AtomicReference<>();
        StubbornTool writer = StubbornTool.named("writer", SideEffect.WRITE, () -> { }, () -> {
            try {
                store.write(ByteBuffer.wrap("late row".getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                writeFailure.set(e);
            }
            wrote.countDown();
        });
        Toolbox toolbox = Toolbox.of(writer).withTimeout("writer", Duration.ofMillis(100));

        ToolResult result = toolbox.execute(call("writer"), run());
        writer.release();

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains("did not finish within 100 ms").contains("abandoned (not interrupted)")
                .contains("may still take effect");
        assertThat(((ToolResult.Failed) result).retriable()).isTrue();
        assertThat(wrote.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.interrupted()).isFalse();
        assertThat(writeFailure.get()).isNull();
        assertThat(store.isOpen()).isTrue();
        store.close();
        assertThat(Files.readString(dir.resolve("app.db"))).isEqualTo("late row");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aStepsCallsRunInParallelAndEachIsAbandonedAtItsOwnDeadline() throws Exception {
        StubbornTool slow = StubbornTool.named("slow", "slow done");
        StubbornTool slower = StubbornTool.named("slower", "slower done");
        Tool quick = Tools.of("quick", "quick", NO_ARGS, SideEffect.READ_ONLY, args -> "quick done");
        Toolbox toolbox = Toolbox.of(slow, slower, quick).withTimeout("slow", Duration.ofMillis(100))
                .withTimeout("slower", Duration.ofMillis(300));

        List<ToolResult> results = toolbox.execute(List.of(call("slow"), call("slower"), call("quick"),
                call("missing")), run());
        boolean bothWereRunningAtOnce = slow.awaitStarted() && slower.awaitStarted() && !slow.returned()
                && !slower.returned(); // neither can return before the release below
        slow.release();
        slower.release();

        assertThat(bothWereRunningAtOnce).isTrue();
        assertThat(results).extracting(ToolResult::text).satisfiesExactly(
                first -> assertThat(first).contains("tool 'slow' did not finish within 100 ms", "not interrupted"),
                second -> assertThat(second).contains("tool 'slower' did not finish within 300 ms", "not interrupted"),
                third -> assertThat(third).isEqualTo("quick done"),
                fourth -> assertThat(fourth).contains("unknown tool 'missing'"));
        assertThat(slow.interrupted()).isFalse();
        assertThat(slower.interrupted()).isFalse();
    }

    @Test
    void eachCallOfAStepIsHandedOffOnceAndItsGateSeesTheTimeoutWhenTheToolReturns() throws Exception {
        Map<String, Thread> gateThreads = new ConcurrentHashMap<>();
        Map<String, Thread> toolThreads = new ConcurrentHashMap<>();
        Map<String, ToolResult> gateSaw = new ConcurrentHashMap<>();
        CountDownLatch gatesDone = new CountDownLatch(2);
        StubbornTool slow = StubbornTool.named("slow", SideEffect.READ_ONLY,
                () -> toolThreads.put("slow", Thread.currentThread()), () -> { });
        Tool quick = Tools.of("quick", "quick", NO_ARGS, SideEffect.READ_ONLY, args -> {
            toolThreads.put("quick", Thread.currentThread());
            return "quick done";
        });
        Toolbox toolbox = Toolbox.of(slow, quick).withTimeout("slow", Duration.ofMillis(100)).withGate(chain -> {
            gateThreads.put(chain.call().name(), Thread.currentThread());
            ToolResult result = chain.proceed(chain.call());
            gateSaw.put(chain.call().name(), result);
            gatesDone.countDown();
            return result;
        });

        List<ToolResult> results = toolbox.execute(List.of(call("slow"), call("quick")), run());
        slow.release();

        assertThat(gatesDone.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(toolThreads).containsAllEntriesOf(gateThreads).hasSize(2)
                .doesNotContainValue(Thread.currentThread());
        assertThat(gateSaw.get("slow")).isEqualTo(results.get(0));
        assertThat(results.get(0).text()).contains("did not finish within 100 ms");
        assertThat(gateSaw.get("quick")).isEqualTo(results.get(1)).isEqualTo(ToolResult.ok("quick done"));
    }

    @Test
    void cancellingTheRunStopsWaitingKeepsTheFlagAndLeavesTheToolAlone() throws Exception {
        StubbornTool slow = StubbornTool.named("slow", "done");
        Toolbox toolbox = Toolbox.of(slow);
        AtomicReference<List<ToolResult>> results = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();
        Thread loop = new Thread(() -> {
            results.set(toolbox.execute(List.of(call("slow")), run()));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        loop.start();
        assertThat(slow.awaitStarted()).isTrue();

        loop.interrupt();
        loop.join(10_000);
        slow.release();

        assertThat(loop.isAlive()).isFalse();
        assertThat(results.get()).singleElement().extracting(ToolResult::text).asString()
                .contains("cancelled: the run was stopped before tool 'slow' finished");
        assertThat(flagKept.get()).isTrue();
        assertThat(slow.interrupted()).isFalse();
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
    void approvalDecidesBeforeTheCallRuns() {
        List<String> ran = new ArrayList<>();
        Tool pay = Tools.of("pay", "pay", NO_ARGS, SideEffect.EXTERNAL, args -> {
            ran.add("pay");
            return "paid";
        });
        Toolbox denied = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.deny("no"));
        Toolbox pending = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.askPerson(q));
        Toolbox allowed = Toolbox.of(pay).withApproval(ApprovalPolicy.standard(), (r, q) -> ApprovalDecision.allow());

        assertThat(denied.execute(call("pay"), run())).isEqualTo(new ToolResult.Denied("no"));
        assertThat(pending.execute(call("pay"), run())).isInstanceOf(ToolResult.AwaitingApproval.class);
        assertThat(ran).isEmpty();
        assertThat(allowed.execute(call("pay"), run())).isEqualTo(ToolResult.ok("paid"));
        assertThat(ran).containsExactly("pay");
    }
}
