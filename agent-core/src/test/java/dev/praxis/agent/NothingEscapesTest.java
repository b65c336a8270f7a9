package dev.praxis.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.memory.Turn;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever a tool, listener, model client, memory or store throws, run returns a FAILED result naming it. */
class NothingEscapesTest {

    private static final MemoryScope SESSION = MemoryScope.of("alice", "s1");

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    private static Tool throwing(Throwable error) {
        return Tools.of("boom", "explodes", JsonObjectSchema.builder().build(), SideEffect.WRITE, args -> {
            if (error instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) error;
        });
    }

    private static Tool recursing() {
        return Tools.of("boom", "recurses", JsonObjectSchema.builder().build(), SideEffect.READ_ONLY,
                args -> String.valueOf(depth(0)));
    }

    private static int depth(int n) {
        return depth(n + 1) + 1;
    }

    private List<AgentEvent> terminal() {
        return events.stream().filter(e -> e instanceof AgentEvent.Completed || e instanceof AgentEvent.Stopped).toList();
    }

    @Test
    void anErrorFromAToolEndsADurableRunFailedAndTheStoreSaysSo() {
        var store = new InMemoryCheckpointStore();
        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("boom", "{}")))
                .tools(throwing(new AssertionError("invariant broken"))).checkpoints(store).listener(events::add)
                .build().run("go");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("tool 'boom' threw AssertionError: invariant broken");
        RunState stored = store.load(result.runId()).orElseThrow();
        assertThat(stored.phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(stored.outcome()).isEqualTo("FAILED");
        assertThat(terminal()).singleElement().isInstanceOf(AgentEvent.Stopped.class);
    }

    @Test
    void aStackOverflowInAToolEndsTheRunFailed() {
        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("boom", "{}")))
                .tools(recursing()).build().run("go");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("tool 'boom' threw StackOverflowError");
    }

    @Test
    void anErrorFromTheModelClientEndsTheRunFailed() {
        AgentResult result = LlmAgent.builder().llm(request -> {
            throw new LinkageError("provider class missing");
        }).listener(events::add).build().run("go");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("LinkageError: provider class missing");
        assertThat(terminal()).hasSize(1);
    }

    @Test
    void aListenerThrowingOnCompletedIsReportedOnceAndTheAnswerStands() {
        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).listener(events::add)
                .listener(event -> {
                    if (event instanceof AgentEvent.Completed) {
                        throw new AssertionError("dashboard down");
                    }
                }).build().run("q");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("42");
        assertThat(terminal()).singleElement().isInstanceOf(AgentEvent.Completed.class);
    }

    @Test
    void aListenerThrowingDuringTheRunEndsItFailedWithOneTerminalEvent() {
        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).listener(events::add)
                .listener(event -> {
                    if (event instanceof AgentEvent.ModelCalled) {
                        throw new IllegalStateException("listener bug");
                    }
                }).build().run("q");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("IllegalStateException: listener bug");
        assertThat(terminal()).singleElement().isInstanceOf(AgentEvent.Stopped.class);
    }

    @Test
    void aMemoryFailingWhileTheRunLoadsItsSessionEndsItFailed() {
        FailingMemory broken = new FailingMemory();
        broken.onRead = new OutOfSpace("session table is locked");

        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).memory(broken)
                .listener(events::add).build().run(AgentRequest.of("q").inSession(SESSION));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("OutOfSpace: session table is locked");
        assertThat(terminal()).hasSize(1);
    }

    @Test
    void aMemoryFailingWhileARunResumesEndsItFailed() {
        var store = new InMemoryCheckpointStore();
        var memory = new FailingMemory();
        memory.onAppend = new Ledger.Crash("before the memory write"); // the process dies, the turn not in memory
        assertThatThrownBy(() -> LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).memory(memory).checkpoints(store)
                .build().run(AgentRequest.of("q").inSession(SESSION))).isInstanceOf(Ledger.Crash.class);
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);
        memory.onAppend = null;
        memory.onRead = new AssertionError("disk gone");

        AgentResult resumed = LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).memory(memory).checkpoints(store)
                .listener(events::add).build().resume(runId);

        assertThat(resumed.status()).isEqualTo(Status.FAILED);
        assertThat(resumed.reason()).contains("AssertionError: disk gone");
        assertThat(terminal()).hasSize(1);
    }

    @Test
    void aCheckpointStoreFailingEndsTheRunFailed() {
        CheckpointStore broken = new FailingStore();

        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(text("42"))).checkpoints(broken)
                .listener(events::add).build().run("q");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("IllegalStateException: store offline");
        assertThat(terminal()).singleElement().isInstanceOf(AgentEvent.Stopped.class);
    }

    @Test
    void anOutOfMemoryErrorIsThrownOnAndLeavesTheDurableRunResumable() {
        var store = new InMemoryCheckpointStore();
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("boom", "{}")))
                .tools(throwing(new OutOfMemoryError("heap"))).checkpoints(store).listener(events::add).build();

        assertThatThrownBy(() -> agent.run("go")).isInstanceOf(OutOfMemoryError.class);

        assertThat(store.runIds(RunState.Phase.RUNNING)).hasSize(1);
        assertThat(terminal()).isEmpty();
    }

    /** A failure of the memory's own kind, as a store would throw. */
    private static final class OutOfSpace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfSpace(String message) {
            super(message);
        }
    }

    private static final class FailingMemory implements ConversationMemory {
        private final ConversationMemory delegate = MessageWindowMemory.of(100);
        volatile Throwable onRead;
        volatile Throwable onAppend;

        @Override
        public List<ChatMessage> messages(MemoryScope scope) {
            fail(onRead);
            return delegate.messages(scope);
        }

        @Override
        public void append(MemoryScope scope, Turn turn) {
            fail(onAppend);
            delegate.append(scope, turn);
        }

        @Override
        public void clear(MemoryScope scope) {
            delegate.clear(scope);
        }

        private static void fail(Throwable error) {
            if (error instanceof RuntimeException r) {
                throw r;
            }
            if (error != null) {
                throw (Error) error;
            }
        }
    }

    private static final class FailingStore implements CheckpointStore {
        @Override
        public void save(RunState state) {
            throw new IllegalStateException("store offline");
        }

        @Override
        public Optional<RunState> load(String runId) {
            return Optional.empty();
        }

        @Override
        public List<String> runIds(RunState.Phase phase) {
            return List.of();
        }

        @Override
        public void delete(String runId) {
        }

        @Override
        public long forget(String tenant, String user) {
            return 0;
        }
    }
}
