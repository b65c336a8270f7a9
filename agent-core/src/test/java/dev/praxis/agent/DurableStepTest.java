package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.memory.Turn;
import dev.praxis.state.CallRecord;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolException;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durable steps: parallel side-effecting calls with an exact journal, and memory written once across a crash. */
class DurableStepTest {

    private static final MemoryScope SESSION = MemoryScope.of("alice", "s1");

    /** Keeps every state saved, in order, besides storing it. */
    private static final class RecordingStore implements CheckpointStore {
        final List<RunState> saved = new CopyOnWriteArrayList<>();
        private final CheckpointStore delegate = new InMemoryCheckpointStore();

        @Override
        public void save(RunState state) {
            delegate.save(state);
            saved.add(state);
        }

        @Override
        public Optional<RunState> load(String runId) {
            return delegate.load(runId);
        }

        @Override
        public List<String> runIds(RunState.Phase phase) {
            return delegate.runIds(phase);
        }

        @Override
        public void delete(String runId) {
            delegate.delete(runId);
        }

        @Override
        public long forget(String tenant, String user) {
            return delegate.forget(tenant, user);
        }
    }

    private static Map<String, CallRecord.CallStatus> statuses(RunState state) {
        return state.calls().stream().collect(Collectors.toMap(c -> c.call().name(), CallRecord::status));
    }

    @Test
    void sideEffectingCallsOfADurableStepRunInParallelEachJournalledAsItStartsAndFinishes() {
        var store = new RecordingStore();
        CyclicBarrier bothStarted = new CyclicBarrier(2);
        CountDownLatch fastJournalled = new CountDownLatch(1);
        Tool fast = write("fast", () -> await(bothStarted));
        Tool slow = write("slow", () -> {
            await(bothStarted);
            // the slow call finishes only once the fast one's finish is in the store
            waitUntil(() -> store.saved.stream().anyMatch(s -> statuses(s).get("fast") == CallRecord.CallStatus.FINISHED),
                    fastJournalled);
        });
        var llm = ScriptedLlm.of(toolCalls(call("fast", "{}"), call("slow", "{}")), text("both done"));
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(fast, slow).checkpoints(store).build();

        AgentResult result = agent.run("do both");

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).results()).extracting(r -> r.text()).containsExactly("fast done", "slow done");
        assertThat(store.saved).as("both calls were journalled as started before either finished")
                .anyMatch(s -> statuses(s).equals(Map.of("fast", CallRecord.CallStatus.STARTED,
                        "slow", CallRecord.CallStatus.STARTED)));
        assertThat(store.saved).as("the fast call's finish was saved while the slow one still ran")
                .anyMatch(s -> statuses(s).equals(Map.of("fast", CallRecord.CallStatus.FINISHED,
                        "slow", CallRecord.CallStatus.STARTED)));
        assertThat(fastJournalled.getCount()).isZero();
    }

    @ParameterizedTest(name = "crash {0} the memory write")
    @ValueSource(strings = {"after", "before"})
    void aCrashAroundTheMemoryWriteLeavesEachTurnInMemoryExactlyOnce(String when) {
        var store = new InMemoryCheckpointStore();
        var memory = new CrashingMemory(MessageWindowMemory.of(100), when, 2);
        Ledger ledger = new Ledger();
        var first = ScriptedLlm.of(toolCall("debit", "{\"amount\":3}"));
        LlmAgent crashing = agent(first, ledger, memory, store);
        assertThatThrownBy(() -> crashing.run(AgentRequest.of("pay 3").inSession(SESSION)))
                .isInstanceOf(Ledger.Crash.class);
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);
        assertThat(store.load(runId).orElseThrow().remembered()).as("the checkpoint came before the memory write")
                .isEqualTo(1);

        AgentResult result = agent(ScriptedLlm.of(text("paid 3")), ledger, memory, store).resume(runId);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(ledger.executed).containsExactly("debit {\"amount\":3}");
        List<ChatMessage> remembered = memory.messages(SESSION);
        assertThat(remembered).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("UserMessage", "AiMessage", "ToolExecutionResultMessage", "AiMessage");
        assertThat(remembered.get(0)).isEqualTo(UserMessage.from("pay 3"));
        assertThat(((ToolExecutionResultMessage) remembered.get(2)).text()).isEqualTo("debit done");
        assertThat(((AiMessage) remembered.get(3)).text()).isEqualTo("paid 3");
    }

    @Test
    void resumingAnEndedRunWritesItsLastTurnIfMemoryMissedIt() {
        var store = new InMemoryCheckpointStore();
        var memory = new CrashingMemory(MessageWindowMemory.of(100), "before", 2);
        Ledger ledger = new Ledger();
        assertThatThrownBy(() -> agent(ScriptedLlm.of(text("hello")), ledger, memory, store)
                .run(AgentRequest.of("hi").inSession(SESSION))).isInstanceOf(Ledger.Crash.class);
        String runId = store.runIds(RunState.Phase.ENDED).get(0);

        AgentResult again = agent(ScriptedLlm.of(), ledger, memory, store).resume(runId);
        agent(ScriptedLlm.of(), ledger, memory, store).resume(runId);

        assertThat(again.output()).isEqualTo("hello");
        assertThat(memory.messages(SESSION)).containsExactly(UserMessage.from("hi"), AiMessage.from("hello"));
    }

    private static LlmAgent agent(ScriptedLlm llm, Ledger ledger, ConversationMemory memory, CheckpointStore store) {
        return LlmAgent.builder().llm(llm).tools(ledger.tool("debit", SideEffect.WRITE)).memory(memory)
                .checkpoints(store).build();
    }

    /** Memory that crashes the process (an Error) just before or after its {@code n}-th append. */
    private static final class CrashingMemory implements ConversationMemory {
        private final ConversationMemory delegate;
        private final String when;
        private int appendsLeft;

        CrashingMemory(ConversationMemory delegate, String when, int n) {
            this.delegate = delegate;
            this.when = when;
            this.appendsLeft = n;
        }

        @Override
        public List<ChatMessage> messages(MemoryScope scope) {
            return delegate.messages(scope);
        }

        @Override
        public synchronized void append(MemoryScope scope, Turn turn) {
            boolean crash = --appendsLeft == 0;
            if (crash && when.equals("before")) {
                throw new Ledger.Crash("before the memory write");
            }
            delegate.append(scope, turn);
            if (crash) {
                throw new Ledger.Crash("after the memory write");
            }
        }

        @Override
        public void clear(MemoryScope scope) {
            delegate.clear(scope);
        }
    }

    private static Tool write(String name, Runnable body) {
        return Tools.of(name, name, JsonObjectSchema.builder().build(), SideEffect.WRITE, args -> {
            body.run();
            return name + " done";
        });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            // a durable step running its calls one by one would never get both here
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ToolException("calls did not run in parallel: " + e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, CountDownLatch done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ToolException("the other call's finish was never saved");
            }
            Thread.onSpinWait();
        }
        done.countDown();
    }
}
