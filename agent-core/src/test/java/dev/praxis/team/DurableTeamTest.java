package dev.praxis.team;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.Owner;
import dev.praxis.state.CheckpointException;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.FileCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Teams resumed as a whole from a checkpoint store: finished members are replayed, the member
 * under way continues from its own checkpoint, the blackboard comes back as it was. Every
 * resume uses newly built agents whose scripts hold only what may still be asked, so a member
 * run twice fails loudly. A process crash is simulated with an Error thrown from a tool.
 */
class DurableTeamTest {

    @TempDir
    Path dir;
    private final List<String> effects = new CopyOnWriteArrayList<>();
    private volatile String crashIn = "";

    /** Stands for the process dying: the loop treats a VirtualMachineError (other than a stack overflow) so. */
    private static final class Crash extends VirtualMachineError {
        private static final long serialVersionUID = 1L;

        Crash(String where) {
            super("simulated crash in " + where);
        }
    }

    private Tool effect(String name) {
        return Tools.of(name, name + " something", JsonObjectSchema.builder().addIntegerProperty("amount").build(),
                SideEffect.EXTERNAL, args -> {
                    effects.add(name + " " + args);
                    if (crashIn.equals(name)) {
                        crashIn = "";
                        throw new Crash(name);
                    }
                    return name + " done";
                });
    }

    /** The desk: plan (writes the plan on the board), pay (a side effect, maybe approved), report (reads the board). */
    private Sequence desk(CheckpointStore store, Blackboard board, ScriptedLlm plan, ScriptedLlm pay, ScriptedLlm report,
                          boolean approval) {
        Toolbox payTools = Toolbox.of(effect("transfer"));
        if (approval) {
            payTools = payTools.withApproval(ApprovalPolicy.standard(),
                    (request, question) -> ApprovalDecision.askPerson(question));
        }
        LlmAgent planner = LlmAgent.builder().name("plan").llm(plan).tools(board.tools("plan").toArray())
                .checkpoints(store).build();
        LlmAgent payer = LlmAgent.builder().name("pay").llm(pay).toolbox(payTools).checkpoints(store).build();
        LlmAgent reporter = LlmAgent.builder().name("report").llm(report).tools(board.tools("report").toArray())
                .checkpoints(store).build();
        return Sequence.of("desk", Member.of("plan", planner), Member.of("pay", payer), Member.of("report", reporter))
                .withCheckpoints(store).withBlackboard(board);
    }

    private static ScriptedLlm planScript() {
        return ScriptedLlm.of(
                toolCall("blackboard_write", "{\"scope\":\"desk\",\"name\":\"plan\",\"value\":\"pay 7 to B\"}"),
                text("plan ready"));
    }

    private static ScriptedLlm payScript() {
        return ScriptedLlm.of(toolCall("transfer", "{\"amount\":7}"), text("paid 7"));
    }

    private static ScriptedLlm reportScript() {
        return ScriptedLlm.of(toolCall("blackboard_read", "{\"scope\":\"desk\",\"name\":\"plan\"}"),
                request -> text("report: " + Scripts.lastToolResult(request)).reply(request));
    }

    @Test
    void aMemberWaitingForApprovalPausesTheTeamAndTheDecisionContinuesTheWholeTeam() {
        var store = FileCheckpointStore.in(dir);
        AgentResult paused = desk(store, new Blackboard(), planScript(), payScript(), ScriptedLlm.of(), true)
                .run("pay B");

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(store.load(paused.runId()).orElseThrow().phase()).isEqualTo(RunState.Phase.AWAITING_APPROVAL);
        Blackboard fresh = new Blackboard();
        Sequence again = desk(store, fresh, ScriptedLlm.of(), ScriptedLlm.of(text("paid 7")), reportScript(), true);
        assertThat(again.pendingApprovals(paused.runId())).singleElement()
                .satisfies(p -> assertThat(p.call().name()).isEqualTo("transfer"));

        TeamResult done = again.resumeTeam(paused.runId(), Resumption.with(ApprovalDecision.allow()));

        assertThat(done.result().status()).as(done.result().reason()).isEqualTo(Status.COMPLETED);
        assertThat(done.result().output()).contains("pay 7 to B");
        assertThat(effects).containsExactly("transfer {\"amount\":7}");
        assertThat(fresh.history()).extracting(Blackboard.Write::writer).containsExactly("plan");
        assertThat(done.members()).extracting(MemberRun::member).containsExactly("plan", "pay", "report");
        assertThat(done.byMember().get("pay").steps()).isEqualTo(2);
        assertThat(store.load(paused.runId()).orElseThrow().phase()).isEqualTo(RunState.Phase.ENDED);
    }

    @Test
    void aTeamStoppedInsideAMemberResumesThatMemberAndNeverRepeatsFinishedWork() {
        var store = FileCheckpointStore.in(dir);
        crashIn = "transfer";
        Sequence crashing = desk(store, new Blackboard(), planScript(), payScript(), ScriptedLlm.of(), false);
        assertThatThrownBy(() -> crashing.run("pay B")).isInstanceOf(Crash.class);
        List<String> running = store.runIds(RunState.Phase.RUNNING);
        String teamRun = running.stream().filter(id -> !id.contains(".")).findFirst().orElseThrow();
        assertThat(running).as("the team and its member under way are both left running").hasSize(2);

        Blackboard fresh = new Blackboard();
        Sequence again = desk(store, fresh, ScriptedLlm.of(), ScriptedLlm.of(text("transfer state unknown")),
                reportScript(), false);
        TeamResult done = again.resumeTeam(teamRun, Resumption.afterCrash());

        assertThat(done.result().status()).as(done.result().reason()).isEqualTo(Status.COMPLETED);
        assertThat(effects).as("the in-flight transfer was reported, not repeated")
                .containsExactly("transfer {\"amount\":7}");
        assertThat(done.result().output()).startsWith("report: ").contains("pay 7 to B");
        assertThat(done.members()).extracting(MemberRun::member).containsExactly("plan", "pay", "report");
        AgentResult ended = again.resume(teamRun);
        assertThat(ended.output()).isEqualTo(done.result().output());
        assertThat(ended.usage()).isEqualTo(done.result().usage());
    }

    @Test
    void aParallelTeamReplaysTheFinishedBranchAndContinuesThePausedOne() {
        var store = FileCheckpointStore.in(dir);
        Toolbox asking = Toolbox.of(effect("refund")).withApproval(ApprovalPolicy.standard(),
                (request, question) -> ApprovalDecision.askPerson(question));
        AgentResult paused = panel(store, ScriptedLlm.of(text("looks fine")),
                ScriptedLlm.of(toolCall("refund", "{\"amount\":2}"), text("refunded 2")), asking).run("case 9");
        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);

        AgentResult done = panel(store, ScriptedLlm.of(), ScriptedLlm.of(text("refunded 2")), asking)
                .resume(paused.runId(), ApprovalDecision.allow());

        assertThat(done.status()).as(done.reason()).isEqualTo(Status.COMPLETED);
        assertThat(done.output()).contains("[review]\nlooks fine").contains("[refunds]\nrefunded 2");
        assertThat(effects).containsExactly("refund {\"amount\":2}");
    }

    private static Parallel panel(CheckpointStore store, ScriptedLlm review, ScriptedLlm refunds, Toolbox tools) {
        return Parallel.builder("panel")
                .members(Member.of("review", LlmAgent.builder().name("review").llm(review).checkpoints(store).build()),
                        Member.of("refunds", LlmAgent.builder().name("refunds").llm(refunds).toolbox(tools)
                                .checkpoints(store).build()))
                .checkpoints(store).build();
    }

    @Test
    void aLoopResumesInTheRoundItStoppedIn() {
        var store = FileCheckpointStore.in(dir);
        crashIn = "publish";
        Loop first = loop(store, ScriptedLlm.of(text("draft 1"), toolCall("publish", "{}")),
                ScriptedLlm.of(text("too short")));
        assertThatThrownBy(() -> first.run("essay")).isInstanceOf(Crash.class);
        String teamRun = store.runIds(RunState.Phase.RUNNING).stream().filter(id -> !id.contains(".")).findFirst()
                .orElseThrow();

        AgentResult done = loop(store, ScriptedLlm.of(text("draft 2 published")), ScriptedLlm.of(text("APPROVED")))
                .resume(teamRun);

        assertThat(done.status()).as(done.reason()).isEqualTo(Status.COMPLETED);
        assertThat(done.output()).isEqualTo("draft 2 published");
        assertThat(effects).containsExactly("publish {}");
    }

    private Loop loop(CheckpointStore store, ScriptedLlm writer, ScriptedLlm editor) {
        return Loop.withCritic("essay",
                Member.of("writer", LlmAgent.builder().name("writer").llm(writer).tools(effect("publish"))
                        .checkpoints(store).build()),
                Member.of("editor", LlmAgent.builder().name("editor").llm(editor).checkpoints(store).build()), 3)
                .withCheckpoints(store);
    }

    @Test
    void withoutAStoreAPausedTeamCanBeResumedInThisProcessAndAnUnknownRunIsNamed() {
        Sequence desk = Sequence.of("solo", Member.of("pay", LlmAgent.builder().name("pay").llm(payScript())
                .toolbox(Toolbox.of(effect("transfer")).withApproval(ApprovalPolicy.standard(),
                        (request, question) -> ApprovalDecision.askPerson(question))).build()));
        AgentResult paused = desk.run("pay");

        AgentResult done = desk.resume(paused.runId(), ApprovalDecision.deny("not today"));

        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(effects).isEmpty();
        assertThatThrownBy(() -> desk.resume("nope")).hasMessageContaining("team 'solo' has no checkpoint for run nope");
    }

    @Test
    void aStatelessTeamRunOnBehalfOfAUserIsForgottenWithTheRunsOfItsMembers() {
        var store = FileCheckpointStore.in(dir);
        AgentResult paused = desk(store, new Blackboard(), planScript(), payScript(), ScriptedLlm.of(), true)
                .run(AgentRequest.of("pay B").onBehalfOf(new Owner("acme", "alice")));
        List<String> stored = new java.util.ArrayList<>();
        for (RunState.Phase phase : RunState.Phase.values()) {
            stored.addAll(store.runIds(phase));
        }
        assertThat(stored).as("the team run, and the plan and pay runs").hasSize(3)
                .allSatisfy(id -> assertThat(store.load(id).orElseThrow().ownedBy("acme", "alice")).isTrue());

        assertThat(store.forget("acme", "alice")).isEqualTo(3);

        for (RunState.Phase phase : RunState.Phase.values()) {
            assertThat(store.runIds(phase)).isEmpty();
        }
        Sequence again = desk(store, new Blackboard(), ScriptedLlm.of(), ScriptedLlm.of(), ScriptedLlm.of(), true);
        assertThatThrownBy(() -> again.resume(paused.runId(), ApprovalDecision.allow()))
                .isInstanceOf(CheckpointException.class);
        assertThat(effects).isEmpty();
    }
}
