package dev.praxis.testing.contract;

import dev.praxis.state.CallRecord;
import dev.praxis.state.CheckpointConflictException;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointForgottenException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.state.RunState;
import dev.praxis.state.StepRecord;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
                "", "pay 5", Optional.of(MemoryScope.of("alice", "s1")), Optional.empty(), List.of(UserMessage.from("earlier")),
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

    /** {@code state(runId, version, RUNNING, at)} in {@code scope} (or none) for {@code owner} (or none). */
    public static RunState owned(String runId, long version, long at, MemoryScope scope, Owner owner) {
        RunState s = state(runId, version, RunState.Phase.RUNNING, at);
        return new RunState(s.runId(), s.agent(), s.phase(), s.outcome(), s.reason(), s.input(),
                Optional.ofNullable(scope), Optional.ofNullable(owner), s.history(), s.transcript(), s.remembered(),
                s.steps(), s.usage(), s.elapsed(), s.limits(), s.pending(), s.calls(), s.approvals(), s.extensions(),
                s.version(), s.updatedAt());
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

    @Test
    void forgetErasesEveryRunOfTheUserInEveryAgentAndSessionAndNoOneElses() {
        CheckpointStore store = store();
        store.save(owned("alice-chat", 1, 10, new MemoryScope("acme", "alice", "support", "s1"), null));
        store.save(owned("alice-other-agent", 1, 11, new MemoryScope("acme", "alice", "billing", "s2"), null));
        store.save(owned("alice-stateless", 1, 12, null, new Owner("acme", "alice")));
        store.save(state("alice-paused", 1, RunState.Phase.AWAITING_APPROVAL, 13)); // default tenant's alice
        store.save(owned("alice-team", 1, 14, null, new Owner("acme", "alice")));
        store.save(owned("bob", 1, 15, new MemoryScope("acme", "bob", "support", "s1"), null));
        store.save(owned("alice-elsewhere", 1, 16, new MemoryScope("globex", "alice", "support", "s1"), null));
        store.save(owned("nobody", 1, 17, null, null));

        long erased = store.forget("acme", "alice");

        assertThat(erased).isEqualTo(4);
        for (String gone : List.of("alice-chat", "alice-other-agent", "alice-stateless", "alice-team")) {
            assertThat(store.load(gone)).as(gone).isEmpty();
        }
        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly("bob", "alice-elsewhere", "nobody");
        assertThat(store.runIds(RunState.Phase.AWAITING_APPROVAL)).containsExactly("alice-paused");
        assertThat(store.load("alice-elsewhere").orElseThrow().ownedBy("globex", "alice")).isTrue();
        assertThat(store.forget("acme", "alice")).isZero();
        assertThat(store.forget(MemoryScope.DEFAULT, "alice")).isEqualTo(1);
        assertThat(store.runIds(RunState.Phase.AWAITING_APPROVAL)).isEmpty();
    }

    @Test
    void forgetCountsOnlyTheRunsStillStored() {
        CheckpointStore store = store();
        store.save(state("run-1", 1, RunState.Phase.RUNNING, 100));
        store.save(state("run-2", 1, RunState.Phase.ENDED, 101));
        store.delete("run-1");

        assertThat(store.forget(MemoryScope.DEFAULT, "alice")).isEqualTo(1);

        store.save(state("run-1", 1, RunState.Phase.RUNNING, 102)); // deleted before, not forgotten
        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly("run-1");
        assertThat(store.runIds(RunState.Phase.ENDED)).isEmpty();
    }

    @Test
    void forgetOfSomeoneWithNothingStoredErasesNothing() {
        CheckpointStore store = store();
        store.save(state("run-1", 1, RunState.Phase.RUNNING, 100));

        assertThat(store.forget("acme", "carol")).isZero();
        assertThat(store.load("run-1")).isPresent();
    }

    @Test
    void aForgottenRunIsNotSavedAgainButTheUserMayStartNewRuns() {
        CheckpointStore store = store();
        store.save(state("run-1", 1, RunState.Phase.RUNNING, 100));
        store.forget(MemoryScope.DEFAULT, "alice");

        assertThatThrownBy(() -> store.save(state("run-1", 2, RunState.Phase.AWAITING_APPROVAL, 101)))
                .isInstanceOf(CheckpointForgottenException.class).hasMessageContaining("run-1");
        store.save(state("run-2", 1, RunState.Phase.RUNNING, 102));

        assertThat(store.load("run-1")).isEmpty();
        assertThat(store.runIds(RunState.Phase.AWAITING_APPROVAL)).isEmpty();
        assertThat(store.runIds(RunState.Phase.RUNNING)).containsExactly("run-2");
    }

    @Test
    void savesRacingForgetCannotResurrectTheRuns() throws Exception {
        CheckpointStore store = store();
        List<String> runs = List.of("race-1", "race-2", "race-3", "race-4");
        runs.forEach(id -> store.save(state(id, 1, RunState.Phase.RUNNING, 100)));
        ExecutorService pool = Executors.newFixedThreadPool(runs.size());
        try {
            CountDownLatch saving = new CountDownLatch(runs.size());
            List<Future<Throwable>> savers = new ArrayList<>();
            for (String id : runs) {
                savers.add(pool.submit(() -> keepSaving(store, id, saving)));
            }
            saving.await();

            assertThat(store.forget(MemoryScope.DEFAULT, "alice")).isEqualTo(runs.size());

            for (Future<Throwable> saver : savers) {
                assertThat(saver.get(60, TimeUnit.SECONDS)).isInstanceOf(CheckpointForgottenException.class);
            }
            runs.forEach(id -> assertThat(store.load(id)).as(id).isEmpty());
            assertThat(store.runIds(RunState.Phase.RUNNING)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Saves ever newer versions of {@code runId} until a save is refused; returns the refusal. */
    private static Throwable keepSaving(CheckpointStore store, String runId, CountDownLatch saving) {
        for (long version = 2; version < 100_000; version++) {
            try {
                store.save(state(runId, version, RunState.Phase.RUNNING, 100 + version));
            } catch (CheckpointException e) {
                return e;
            } finally {
                if (version == 2) {
                    saving.countDown();
                }
            }
        }
        return null;
    }
}
