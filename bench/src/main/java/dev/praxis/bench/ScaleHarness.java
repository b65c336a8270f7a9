package dev.praxis.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * S3: {@code sessions} concurrent sessions on virtual threads, each one task of five model
 * turns (four tool calls, then the answer) against a model that takes {@code latency} ms per
 * call, next to the same number of virtual threads that only sleep five times as long.
 * Afterwards, the heap retained per idle session (the sessions' memories still reachable).
 */
final class ScaleHarness {

    static final int TOOL_STEPS = 4;
    private static final int WARM_UP_ROUNDS = 4;
    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final int sessions;
    private final long latencyMillis;
    private final int rounds;

    ScaleHarness(int sessions, long latencyMillis, int rounds) {
        this.sessions = sessions;
        this.latencyMillis = latencyMillis;
        this.rounds = rounds;
    }

    /** Runs warm-up and measured rounds, interleaving the four subjects, and adds the figures. */
    void measure(Map<String, Object> out) {
        ScriptedChatModel model = ScriptedChatModel.of(TOOL_STEPS).withLatency(latencyMillis);
        long[][] wall = new long[4][rounds];
        long[][] peak = new long[4][rounds];
        long[][] cpu = new long[4][rounds];
        warmUp(model);
        for (int r = 0; r < rounds; r++) {
            Object[] subjects = {null, PraxisSubject.sessions(model, 100), LangChain4jSubject.sessions(model, 100),
                    PraxisSubject.sessionsInline(model, 100)};
            for (int s = 0; s < subjects.length; s++) {
                long before = Heap.settledUsed();
                long[] reading = timed(task(subjects[s]));
                wall[s][r] = reading[0];
                peak[s][r] = reading[1] - before;
                cpu[s][r] = reading[2];
            }
            Reference.reachabilityFence(subjects);
        }
        String[] names = {"sleepOnly", "praxis", "langchain4j", "praxisInline"};
        for (int s = 0; s < names.length; s++) {
            out.put("s3." + names[s] + ".wallMs", median(wall[s]) / 1e6);
            out.put("s3." + names[s] + ".wallMsAll", Arrays.stream(wall[s]).mapToDouble(v -> v / 1e6).toArray());
            out.put("s3." + names[s] + ".peakHeapMb", median(peak[s]) / (1024.0 * 1024.0));
            out.put("s3." + names[s] + ".cpuMs", median(cpu[s]) / 1e6);
        }
        out.put("s3.sessions", sessions);
        out.put("s3.modelTurns", TOOL_STEPS + 1);
        out.put("s3.latencyMs", latencyMillis);
        out.put("s3.rounds", rounds);
        retained(model, out);
    }

    /**
     * Full-size rounds of both libraries before any is measured: with fewer, the measured rounds
     * still fell from one to the next as the JIT finished compiling (seen in the 10:44 run).
     */
    private void warmUp(ScriptedChatModel model) {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            timed(task(PraxisSubject.sessions(model, 100)));
            timed(task(LangChain4jSubject.sessions(model, 100)));
            timed(task(PraxisSubject.sessionsInline(model, 100)));
        }
    }

    private IntConsumer task(Object subject) {
        if (subject instanceof PraxisSubject praxis) {
            return i -> Checks.answered("praxis", praxis.run("session-" + i, Scenario.TASK));
        }
        if (subject instanceof LangChain4jSubject langchain4j) {
            return i -> Checks.answered("langchain4j", langchain4j.run("session-" + i, Scenario.TASK));
        }
        return i -> {
            for (int turn = 0; turn <= TOOL_STEPS; turn++) {
                Heap.sleep(latencyMillis);
            }
        };
    }

    /**
     * Wall nanos, peak heap bytes and process CPU nanos (every thread, GC included) of all
     * sessions running at once. CPU time is less sensitive than wall time to other processes
     * on the machine.
     */
    private long[] timed(IntConsumer task) {
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        long start;
        long end;
        long peak;
        long cpuStart = CPU.getProcessCpuTime();
        try (Heap.PeakSampler sampler = new Heap.PeakSampler()) {
            start = System.nanoTime();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < sessions; i++) {
                    int session = i;
                    executor.execute(() -> {
                        try {
                            task.accept(session);
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            first.compareAndSet(null, e);
                        }
                    });
                }
            }
            end = System.nanoTime();
            peak = sampler.peak();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + sessions + " sessions failed", first.get());
        }
        return new long[] {end - start, peak, CPU.getProcessCpuTime() - cpuStart};
    }

    /** Heap per idle session after every session ran once, against the bare messages in a map. */
    private void retained(ScriptedChatModel model, Map<String, Object> out) {
        ScriptedChatModel fast = ScriptedChatModel.of(TOOL_STEPS);
        ScaleHarness noLatency = new ScaleHarness(sessions, 0, 1);
        out.put("idle.praxis.bytesPerSession", noLatency.retainedBy(() -> {
            PraxisSubject subject = PraxisSubject.sessions(fast, 100);
            noLatency.timed(noLatency.task(subject));
            return subject;
        }));
        out.put("idle.langchain4j.bytesPerSession", noLatency.retainedBy(() -> {
            LangChain4jSubject subject = LangChain4jSubject.sessions(fast, 100);
            noLatency.timed(noLatency.task(subject));
            return subject;
        }));
        out.put("idle.messagesOnly.bytesPerSession", noLatency.retainedBy(noLatency::bareConversations));
        Reference.reachabilityFence(model);
    }

    private double retainedBy(java.util.function.Supplier<Object> build) {
        long before = Heap.settledUsed();
        Object held = build.get();
        long after = Heap.settledUsed();
        Reference.reachabilityFence(held);
        return (after - before) / (double) sessions;
    }

    /** The floor: each session's ten messages, freshly made, in a plain map by session id. */
    private Object bareConversations() {
        Map<String, List<ChatMessage>> bySession = new HashMap<>();
        long id = 0;
        for (int i = 0; i < sessions; i++) {
            List<ChatMessage> messages = new ArrayList<>(2 * TOOL_STEPS + 2);
            messages.add(UserMessage.from(Scenario.TASK));
            for (int step = 0; step < TOOL_STEPS; step++) {
                ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_" + (++id)).name("add")
                        .arguments(ScriptedChatModel.ARGUMENTS).build();
                messages.add(AiMessage.from(call));
                messages.add(ToolExecutionResultMessage.from(call, String.valueOf(2 + 3)));
            }
            messages.add(AiMessage.from(ScriptedChatModel.ANSWER));
            bySession.put("session-" + i, messages);
        }
        return bySession;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
