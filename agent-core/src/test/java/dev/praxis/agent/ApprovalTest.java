package dev.praxis.agent;

import dev.praxis.state.AskHuman;
import dev.praxis.state.FileCheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalTest {

    private final Ledger ledger = new Ledger();
    private final MutableClock clock = new MutableClock();

    private Toolbox toolbox() {
        return Toolbox.of(ledger.tool("pay", SideEffect.EXTERNAL), ledger.tool("note", SideEffect.WRITE),
                        new AskHuman())
                .withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question));
    }

    private LlmAgent agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).toolbox(toolbox()).clock(clock).approvalTimeout(Duration.ofHours(1)).build();
    }

    private static String lastToolText(ScriptedLlm llm) {
        var messages = llm.requests().get(llm.requests().size() - 1).messages();
        return ((dev.langchain4j.data.message.ToolExecutionResultMessage) messages.get(messages.size() - 1)).text();
    }

    @Test
    void pausesWithoutBlockingAndCarriesThePendingCall() {
        var llm = ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"));
        LlmAgent agent = agent(llm);

        AgentResult paused = agent.run("pay the invoice");

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(paused.reason()).contains("1 call(s): pay [" + paused.runId() + "/1/call_1]");
        assertThat(paused.steps()).singleElement().satisfies(step -> assertThat(step.results()).singleElement()
                .isInstanceOf(ToolResult.AwaitingApproval.class));
        assertThat(ledger.executed).isEmpty();
        List<PendingApproval> pending = agent.pendingApprovals(paused.runId());
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.question()).contains("Allow tool 'pay' (EXTERNAL)", "{\"amount\":40}");
            assertThat(p.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        });
    }

    @Test
    void approvedCallRunsOnceAndTheRunContinues() {
        var llm = ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"), text("paid"));
        LlmAgent agent = agent(llm);
        AgentResult paused = agent.run("pay");

        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.allow());

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.runId()).isEqualTo(paused.runId());
        assertThat(ledger.executed).containsExactly("pay {\"amount\":40}");
        assertThat(lastToolText(llm)).isEqualTo("pay done");
        assertThat(done.steps()).hasSize(2);
        assertThat(done.steps().get(0).results()).containsExactly(ToolResult.ok("pay done"));
    }

    @Test
    void deniedCallIsExplainedToTheModelAndNeverRuns() {
        var llm = ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"), text("I could not pay"));
        LlmAgent agent = agent(llm);
        AgentResult paused = agent.run("pay");

        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.deny("over the monthly limit"));

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(ledger.executed).isEmpty();
        assertThat(lastToolText(llm)).isEqualTo("Denied: a person denied this call: over the monthly limit");
    }

    @Test
    void editedArgumentsRunInsteadAndTheModelIsTold() {
        var llm = ScriptedLlm.of(toolCall("pay", "{\"amount\":400}"), text("paid 40"));
        LlmAgent agent = agent(llm);
        AgentResult paused = agent.run("pay");

        agent.resume(paused.runId(), ApprovalDecision.edit("{\"amount\":40}"));

        assertThat(ledger.executed).containsExactly("pay {\"amount\":40}");
        assertThat(lastToolText(llm)).isEqualTo("(A person changed the arguments to {\"amount\":40} before it ran.) pay done");
    }

    @Test
    void expiredRequestCountsAsDeniedWhateverTheLateDecision() {
        var llm = ScriptedLlm.of(toolCall("pay", "{\"amount\":40}"), text("too late"));
        LlmAgent agent = agent(llm);
        AgentResult paused = agent.run("pay");
        clock.advance(Duration.ofHours(2));

        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.allow());

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(ledger.executed).isEmpty();
        assertThat(lastToolText(llm)).startsWith("Denied: the approval request expired at 2026-01-01T01:00:00Z");
    }

    @Test
    void resumeWithoutADecisionKeepsWaiting() {
        LlmAgent agent = agent(ScriptedLlm.of(toolCall("pay", "{\"amount\":40}")));
        AgentResult paused = agent.run("pay");

        AgentResult still = agent.resume(paused.runId());

        assertThat(still.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(agent.pendingApprovals(paused.runId())).hasSize(1);
    }

    @Test
    void resumeWithAnOpenQuestionKeepsWaiting() {
        LlmAgent agent = agent(ScriptedLlm.of(toolCall("pay", "{\"amount\":40}")));
        AgentResult paused = agent.run("pay");

        AgentResult still = agent.resume(paused.runId(), ApprovalDecision.askPerson("ask the treasurer"));

        assertThat(still.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(agent.pendingApprovals(paused.runId())).hasSize(1);
        assertThat(ledger.executed).isEmpty();
    }

    @Test
    void askHumanPausesAndTheAnswerBecomesTheToolResult() {
        var llm = ScriptedLlm.of(toolCall("ask_human", "{\"question\":\"Which account?\"}"), text("using savings"));
        LlmAgent agent = agent(llm);

        AgentResult paused = agent.run("move money");
        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(agent.pendingApprovals(paused.runId())).singleElement()
                .satisfies(p -> assertThat(p.question()).isEqualTo("Which account?"));

        AgentResult done = agent.resume(paused.runId(), ApprovalDecision.answer("savings"));

        assertThat(done.output()).isEqualTo("using savings");
        assertThat(lastToolText(llm)).isEqualTo("savings");
    }

    @Test
    void callsThatRanBeforeThePauseAreNotRepeatedAfterIt() {
        var llm = ScriptedLlm.of(toolCalls(call("note", "{\"amount\":1}"), call("pay", "{\"amount\":2}")), text("ok"));
        LlmAgent agent = agent(llm);
        AgentResult paused = agent.run("note and pay");
        assertThat(ledger.executed).containsExactly("note {\"amount\":1}");

        agent.resume(paused.runId(), ApprovalDecision.allow());

        assertThat(ledger.executed).containsExactly("note {\"amount\":1}", "pay {\"amount\":2}");
    }

    @Test
    void decisionsCanDifferPerPendingCall() {
        var llm = ScriptedLlm.of(toolCalls(call("pay", "{\"amount\":1}"), call("pay", "{\"amount\":2}")), text("ok"));
        LlmAgent agent = agent(llm);
        AgentResult paused = agent.run("two payments");
        String runId = paused.runId();

        agent.resume(runId, Map.of(runId + "/1/call_1", ApprovalDecision.allow(),
                runId + "/1/call_2", ApprovalDecision.deny("duplicate")));

        assertThat(ledger.executed).containsExactly("pay {\"amount\":1}");
        var messages = llm.requests().get(1).messages();
        assertThat(messages.get(messages.size() - 1).toString()).contains("a person denied this call: duplicate");
    }

    @Test
    void aPausedRunSurvivesARestartWithADurableStore(@TempDir Path dir) {
        var store = FileCheckpointStore.in(dir);
        AgentResult paused = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("pay", "{\"amount\":40}")))
                .toolbox(toolbox()).clock(clock).checkpoints(store).build().run("pay");

        var llm = ScriptedLlm.of(text("paid"));
        LlmAgent restarted = LlmAgent.builder().llm(llm).toolbox(toolbox()).clock(clock)
                .checkpoints(FileCheckpointStore.in(dir)).build();
        AgentResult done = restarted.resume(paused.runId(), ApprovalDecision.allow());

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(ledger.executed).containsExactly("pay {\"amount\":40}");
        assertThat(llm.requests().get(0).messages()).hasSize(3);
    }

    @Test
    void unknownRunIsATypedError() {
        assertThatThrownBy(() -> agent(ScriptedLlm.of()).resume("nope"))
                .isInstanceOf(dev.praxis.state.CheckpointException.class)
                .hasMessageContaining("no checkpoint for run nope");
    }
}
