package dev.praxis.agent;

import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;

import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who a run belongs to, and forgetting it: the session's user, or the owner a stateless request names. */
class ForgetRunsTest {

    private static final Owner ALICE = new Owner("acme", "alice");
    private final Ledger ledger = new Ledger();

    private LlmAgent.Builder agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).toolbox(Toolbox.of(ledger.tool("pay", SideEffect.EXTERNAL))
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question)));
    }

    @Test
    void aStatelessRunOnBehalfOfAUserIsHisAndForgetErasesItFromTheStore() {
        var store = new InMemoryCheckpointStore();
        LlmAgent agent = agent(ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"))).checkpoints(store).build();

        AgentResult paused = agent.run(AgentRequest.of("pay the invoice").onBehalfOf(ALICE));

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        RunState stored = store.load(paused.runId()).orElseThrow();
        assertThat(stored.scope()).isEmpty();
        assertThat(stored.owner()).contains(ALICE);
        assertThat(store.forget("acme", "alice")).isEqualTo(1);
        assertThatThrownBy(() -> agent.resume(paused.runId(), ApprovalDecision.allow()))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("no checkpoint");
        assertThat(ledger.executed).isEmpty();
    }

    @Test
    void aStatelessRunThatNamesNoOneBelongsToNoOne() {
        var store = new InMemoryCheckpointStore();
        LlmAgent agent = agent(ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"))).checkpoints(store).build();

        AgentResult paused = agent.run("pay the invoice");

        assertThat(store.load(paused.runId()).orElseThrow().owner()).isEmpty();
        assertThat(store.forget(MemoryScope.DEFAULT, MemoryScope.DEFAULT)).isZero();
    }

    @Test
    void anAgentWithoutADurableStoreForgetsTheRunsItKeepsPausedInThisProcess() {
        LlmAgent agent = agent(ScriptedLlm.of(toolCall("pay", "{\"amount\":1}"), toolCall("pay", "{\"amount\":2}")))
                .build();
        AgentResult alices = agent.run(AgentRequest.of("pay").inSession(new MemoryScope("acme", "alice", "a", "s1")));
        AgentResult bobs = agent.run(AgentRequest.of("pay").inSession(new MemoryScope("acme", "bob", "a", "s1")));

        assertThat(agent.forget("acme", "alice")).isEqualTo(1);

        assertThat(agent.hasRun(alices.runId())).isFalse();
        assertThat(agent.hasRun(bobs.runId())).isTrue();
    }

    @Test
    void anAgentWithADurableStoreLeavesForgettingToTheStore() {
        var store = new InMemoryCheckpointStore();
        LlmAgent agent = agent(ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"))).checkpoints(store).build();
        AgentResult paused = agent.run(AgentRequest.of("pay").onBehalfOf(ALICE));

        assertThat(agent.forget("acme", "alice")).isZero();
        assertThat(store.load(paused.runId())).isPresent();
    }

    @Test
    void aRequestIsItsSessionsUsersAndCannotNameAnotherOwner() {
        MemoryScope session = new MemoryScope("acme", "alice", "support", "s1");

        assertThat(AgentRequest.of("hi").inSession(session).owner()).contains(ALICE);
        assertThat(AgentRequest.of("hi").owner()).isEmpty();
        assertThat(AgentRequest.of("hi").onBehalfOf(ALICE).inSession(session).withRunId("r1").owner())
                .contains(ALICE);
        assertThatThrownBy(() -> AgentRequest.of("hi").inSession(session).onBehalfOf(new Owner("acme", "bob")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session belongs to");
        assertThatThrownBy(() -> AgentRequest.of("hi").onBehalfOf(new Owner("globex", "alice")).inSession(session))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
