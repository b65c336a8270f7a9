package dev.praxis.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract every {@link CheckpointStore} meets; each implementation's test extends it. */
public abstract class CheckpointStoreContract {

    /** A new, empty store. */
    protected abstract CheckpointStore store();

    /** A state with every field filled, at {@code version}, in {@code phase}, updated at second {@code at}. */
    public static RunState state(String runId, long version, RunState.Phase phase, long at) {
        ToolCall call = new ToolCall("c1", "pay", "{\"amount\":5}");
        return new RunState(runId, "agent", phase, phase == RunState.Phase.ENDED ? "COMPLETED" : "",
                "", "pay 5", Optional.of(MemoryScope.of("alice", "s1")), List.of(UserMessage.from("earlier")),
                List.of(UserMessage.from("pay 5"), AiMessage.from(List.of(call.toRequest()))), 1,
                List.of(new StepRecord(1, AiMessage.from("hm"), List.of(call), List.of(ToolResult.ok("paid")),
                        new RunState.Tokens(3, 4, new BigDecimal("0.0000042")), 12)),
                new RunState.Tokens(3, 4, new BigDecimal("0.0000042")), 1500,
                new RunState.Limits(5, 1000, 60000, new BigDecimal("0.50")),
                Optional.of(new RunState.PendingTurn(2, AiMessage.from(List.of(call.toRequest())),
                        new RunState.Tokens(1, 1, new BigDecimal("0.00000075")), 7)),
                List.of(CallRecord.started(runId + "/2/c1", 2, call), CallRecord.started(runId + "/1/c1", 1, call)
                        .finished(new ToolResult.Failed("boom", true))),
                List.of(new PendingApproval(runId + "/2/c2", 2, call, "ok?", Instant.ofEpochSecond(at),
                        Instant.ofEpochSecond(at + 60))),
                Map.of("blackboard", JsonNodeFactory.instance.objectNode().put("k", "v")), version,
                Instant.ofEpochSecond(at));
    }

    @Test
    void loadsWhatWasSaved() {
        CheckpointStore store = store();
        RunState state = state("run-1", 1, RunState.Phase.RUNNING, 100);

        store.save(state);

        assertThat(store.load("run-1")).contains(state);
    }

    @Test
    void unknownRunIsEmpty() {
        assertThat(store().load("missing")).isEmpty();
    }

    @Test
    void newerVersionReplacesOlder() {
        CheckpointStore store = store();
        store.save(state("run-1", 1, RunState.Phase.RUNNING, 100));
        store.save(state("run-1", 2, RunState.Phase.ENDED, 101));

        assertThat(store.load("run-1").orElseThrow().phase()).isEqualTo(RunState.Phase.ENDED);
    }

    @Test
    void sameOrOlderVersionIsRefused() {
        CheckpointStore store = store();
        store.save(state("run-1", 3, RunState.Phase.RUNNING, 100));

        assertThatThrownBy(() -> store.save(state("run-1", 3, RunState.Phase.RUNNING, 101)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("version 3");
        assertThatThrownBy(() -> store.save(state("run-1", 2, RunState.Phase.RUNNING, 101)))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(store.load("run-1").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void listsRunsByPhaseOldestFirst() {
        CheckpointStore store = store();
        store.save(state("b", 1, RunState.Phase.RUNNING, 200));
        store.save(state("a", 1, RunState.Phase.RUNNING, 100));
        store.save(state("c", 1, RunState.Phase.ENDED, 50));
        store.save(state("d", 1, RunState.Phase.AWAITING_APPROVAL, 60));

        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly("a", "b");
        assertThat(store.runIds(RunState.Phase.AWAITING_APPROVAL)).containsExactly("d");
    }

    @Test
    void deleteForgetsARun() {
        CheckpointStore store = store();
        store.save(state("run-1", 1, RunState.Phase.RUNNING, 100));

        store.delete("run-1");
        store.delete("never-there");

        assertThat(store.load("run-1")).isEmpty();
        store.save(state("run-1", 1, RunState.Phase.RUNNING, 100));
    }
}
