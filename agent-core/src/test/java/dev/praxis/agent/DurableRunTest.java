package dev.praxis.agent;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.FileCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crash and resume within one JVM: an Error from a tool or the model stops the run mid-way, as a kill would. */
class DurableRunTest {

    @TempDir
    Path dir;
    private final Ledger ledger = new Ledger();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    private LlmAgent agent(ScriptedLlm llm, CheckpointStore store) {
        return LlmAgent.builder().llm(llm).checkpoints(store).listener(events::add)
                .toolbox(Toolbox.of(ledger.tool("debit", SideEffect.WRITE), ledger.tool("credit", SideEffect.WRITE),
                        ledger.tool("look", SideEffect.READ_ONLY)))
                .build();
    }

    private static List<String> toolTexts(ScriptedLlm llm, int request) {
        return llm.requests().get(request).messages().stream().filter(m -> m instanceof ToolExecutionResultMessage)
                .map(m -> ((ToolExecutionResultMessage) m).text()).toList();
    }

    @Test
    void everyStepIsCheckpointedAndTheEndIsRecorded() {
        var store = FileCheckpointStore.in(dir);
        AgentResult result = agent(ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), text("done")), store).run("go");

        RunState state = store.load(result.runId()).orElseThrow();
        assertThat(state.phase()).isEqualTo(RunState.Phase.ENDED);
        assertThat(state.outcome()).isEqualTo("COMPLETED");
        assertThat(state.steps()).hasSize(2);
        assertThat(state.calls()).singleElement().satisfies(c -> assertThat(c.result()).isPresent());
        assertThat(state.version()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aCallerChosenRunIdIsKeptAndASecondRunWithTheSameIdIsRefused() {
        var store = FileCheckpointStore.in(dir);
        AgentResult first = agent(ScriptedLlm.of(text("one")), store).run(AgentRequest.of("go").withRunId("run-7"));
        AgentResult second = agent(ScriptedLlm.of(text("two")), store).run(AgentRequest.of("go").withRunId("run-7"));

        assertThat(first.runId()).isEqualTo("run-7");
        assertThat(store.load("run-7").orElseThrow().outcome()).isEqualTo("COMPLETED");
        assertThat(second.status()).isEqualTo(Status.FAILED);
        assertThat(second.reason()).contains("CheckpointConflictException");
        assertThatThrownBy(() -> AgentRequest.of("go").withRunId("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run id");
    }

    @Test
    void finishedCallsAreReplayedAndTheInFlightCallIsReportedNotRepeated() {
        var store = FileCheckpointStore.in(dir);
        ledger.crashIn = "credit";
        var first = ScriptedLlm.of(toolCalls(call("debit", "{\"amount\":5}"), call("credit", "{\"amount\":5}"),
                call("look", "{}")));
        assertThatThrownBy(() -> agent(first, store).run("transfer 5")).isInstanceOf(Ledger.Crash.class);
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);

        var second = ScriptedLlm.of(text("transfer state reported"));
        AgentResult result = agent(second, FileCheckpointStore.in(dir)).resume(runId);

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        // the step's calls ran in parallel: the read-only look may have run before the crash and again after
        assertThat(ledger.executed).filteredOn(e -> !e.startsWith("look"))
                .containsExactlyInAnyOrder("debit {\"amount\":5}", "credit {\"amount\":5}");
        assertThat(ledger.executed).contains("look {}");
        assertThat(toolTexts(second, 0)).containsExactly("debit done",
                "Error: the call to 'credit' was in flight when the run was interrupted (process stopped); it may or"
                        + " may not have taken effect. It was not repeated: check its effect before calling it again.",
                "look done");
        assertThat(events).filteredOn(e -> e instanceof AgentEvent.Resumed).singleElement()
                .satisfies(e -> assertThat(((AgentEvent.Resumed) e).inFlight()).extracting(c -> c.name())
                        .containsExactly("credit"));
        assertThat(result.steps()).hasSize(2);
    }

    @Test
    void aCrashDuringTheModelCallRepeatsOnlyTheModelCall() {
        var store = FileCheckpointStore.in(dir);
        var first = ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), request -> {
            throw new Ledger.Crash("in the model call");
        });
        assertThatThrownBy(() -> agent(first, store).run("go")).isInstanceOf(Ledger.Crash.class);
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);

        var second = ScriptedLlm.of(text("done"));
        AgentResult result = agent(second, store).resume(runId);

        assertThat(result.output()).isEqualTo("done");
        assertThat(ledger.executed).containsExactly("debit {\"amount\":1}");
        assertThat(toolTexts(second, 0)).containsExactly("debit done");
        assertThat(store.load(runId).orElseThrow().phase()).isEqualTo(RunState.Phase.ENDED);
    }

    @Test
    void resumingAnEndedRunReturnsHowItEndedWithoutRunningAnything() {
        var store = FileCheckpointStore.in(dir);
        AgentResult done = agent(ScriptedLlm.of(text("42")), store).run("q");

        AgentResult again = agent(ScriptedLlm.of(), store).resume(done.runId());

        assertThat(again.status()).isEqualTo(Status.COMPLETED);
        assertThat(again.output()).isEqualTo("42");
        assertThat(again.steps()).hasSize(1);
    }

    @Test
    void aStaleWriterIsRefusedSoARunCannotContinueTwice() {
        var store = FileCheckpointStore.in(dir);
        ledger.crashIn = "debit";
        assertThatThrownBy(() -> agent(ScriptedLlm.of(toolCall("debit", "{\"amount\":1}")), store).run("go"))
                .isInstanceOf(Ledger.Crash.class);
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);
        RunState stale = store.load(runId).orElseThrow();
        agent(ScriptedLlm.of(text("done")), store).resume(runId);

        assertThatThrownBy(() -> store.save(stale)).isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("run " + runId + " was saved at version");
    }
}
