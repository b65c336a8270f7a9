package dev.praxis.examples.docs;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.PendingApproval;
import dev.praxis.state.RunState;
import dev.praxis.store.jdbc.JdbcStore;
import dev.praxis.store.sqlite.SqliteStore;
import dev.praxis.team.Blackboard;
import dev.praxis.team.Loop;
import dev.praxis.team.Member;
import dev.praxis.team.Sequence;
import dev.praxis.team.Team;
import dev.praxis.team.TeamResult;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import dev.praxis.tools.a2a.A2aAgent;
import dev.praxis.tools.a2a.A2aServer;
import io.a2a.spec.AgentCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The code of docs/teams.md, run with scripted models (and a real A2A server on loopback). */
class TeamsSnippets {

    private static final Logger log = LoggerFactory.getLogger(TeamsSnippets.class);

    @TempDir
    Path dir;

    private static LlmAgent says(String name, String... replies) {
        return LlmAgent.builder().name(name)
                .llm(ScriptedLlm.of(java.util.Arrays.stream(replies).map(ScriptedLlm::text).toArray(ScriptedLlm.Reply[]::new)))
                .build();
    }

    @Test
    void memberHasItsOwnBudget() {
        LlmAgent researcher = says("researcher", "facts");
        // tag::member[]
        Member research = Member.of("research", "Finds facts with sources", researcher)
                .withBudget(Budget.DEFAULT.withMaxSteps(6));
        // end::member[]
        assertThat(research.budget()).contains(Budget.DEFAULT.withMaxSteps(6));
    }

    @Test
    void sequenceWithACriticLoopReportsEveryMember() {
        LlmAgent researcher = says("researcher", "Two incidents, both resolved.");
        ScriptedLlm writing = ScriptedLlm.of(text("Draft one."), text("Draft two."));
        LlmAgent writer = LlmAgent.builder().name("writer").llm(writing).build();
        LlmAgent editor = says("editor", "Too vague: name the incidents.", "APPROVED");
        // tag::compose[]
        Team report = Sequence.of("report",
                Member.of("research", researcher),
                Member.of("review", Loop.withCritic("review", Member.of("writer", writer), Member.of("editor", editor), 3)));

        TeamResult result = report.runTeam(AgentRequest.of("Summarise this quarter's incidents"));
        result.byMember().forEach((member, totals) ->
                System.out.println(member + ": " + totals.runs() + " run(s), " + totals.steps() + " steps, " + totals.usage()));
        // end::compose[]

        assertThat(result.result().status()).isEqualTo(Status.COMPLETED);
        assertThat(result.result().output()).isEqualTo("Draft two.");
        assertThat(result.byMember()).containsOnlyKeys("research", "review");
        assertThat(result.byMember().get("research").runs()).isEqualTo(1);
        assertThat(writing.remaining()).isZero();        // the editor sent the first draft back once
    }

    @Test
    void blackboardKeepsTypedEntriesAndTellsSubscribers() {
        List<String> told = new ArrayList<>();
        // tag::blackboard[]
        record Finding(String fact, int confidence) { }
        Blackboard.Key<Finding> FINDING = Blackboard.Key.of("research", "finding", Finding.class);

        Blackboard board = new Blackboard();
        board.subscribe(write -> log.info("{} wrote {}/{}", write.writer(), write.scope(), write.name()));
        board.write(FINDING, new Finding("Q3 revenue rose 4%", 90), "researcher");
        Optional<Finding> finding = board.read(FINDING);      // TeamException if the entry is not a Finding
        // end::blackboard[]
        board.subscribe(write -> told.add(write.writer() + " " + write.name()));
        board.write(FINDING, new Finding("Q3 costs fell 2%", 70), "analyst");

        assertThat(finding).contains(new Finding("Q3 revenue rose 4%", 90));
        assertThat(told).containsExactly("analyst finding");
        assertThat(board.history()).hasSize(2);
    }

    @Test
    void remoteAgentOverA2aIsATeamMember() {
        ScriptedLlm remoteModel = ScriptedLlm.of(text("42"));
        Agent calculator = LlmAgent.builder().name("calculator").llm(remoteModel).build();
        Agent drafter = says("drafter", "What is 6 times 7?");
        // tag::a2a[]
        AgentCard card = A2aServer.card("calculator", "Does arithmetic");
        try (A2aServer server = A2aServer.start(calculator, card, new InetSocketAddress("127.0.0.1", 0))) {
            Agent remote = A2aAgent.connect(server.uri());
            Team chain = Sequence.of("chain", Member.of("local", drafter), Member.of("remote", remote));
            System.out.println(chain.run("Write a sum for the calculator").output());
        }
        // end::a2a[]

        assertThat(remoteModel.remaining()).isZero();
        assertThat(remoteModel.requests().get(0).messages().toString()).contains("What is 6 times 7?");
    }

    @Test
    void aDurableTeamPausesForApprovalAndResumesAsAWhole() {
        List<String> paid = new CopyOnWriteArrayList<>();
        Toolbox payments = Toolbox.of(Tools.of("pay", "pays an invoice", JsonObjectSchema.builder()
                .addIntegerProperty("invoice").build(), SideEffect.EXTERNAL, args -> {
                    paid.add(args);
                    return "paid";
                })).withApproval(ApprovalPolicy.standard(), (request, question) -> ApprovalDecision.askPerson(question));
        var llm = ScriptedLlm.of(
                toolCall("blackboard_write", "{\"scope\":\"desk\",\"name\":\"plan\",\"value\":\"pay 42\"}"),
                text("plan: pay 42"), toolCall("pay", "{\"invoice\":42}"), text("invoice 42 paid"));
        // tag::durable-team[]
        JdbcStore data = SqliteStore.open(dir.resolve("runs.db"));
        CheckpointStore store = data.checkpoints();
        Blackboard board = new Blackboard();
        LlmAgent planner = LlmAgent.builder().name("plan").llm(llm).tools(board.tools("plan").toArray())
                .checkpoints(store).build();
        LlmAgent payer = LlmAgent.builder().name("pay").llm(llm).toolbox(payments).checkpoints(store).build();
        Sequence desk = Sequence.of("desk", Member.of("plan", planner), Member.of("pay", payer))
                .withCheckpoints(store).withBlackboard(board);

        AgentResult paused = desk.run("Pay invoice 42");          // AWAITING_APPROVAL inside "pay"
        List<PendingApproval> waiting = desk.pendingApprovals(paused.runId());
        AgentResult done = desk.resume(paused.runId(), ApprovalDecision.allow());

        // after a crash: resume every team run that was going on
        for (String runId : store.runIds(RunState.Phase.RUNNING)) {
            if (store.load(runId).orElseThrow().agent().equals("desk")) {
                desk.resume(runId);
            }
        }
        // end::durable-team[]

        assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
        assertThat(waiting).singleElement().satisfies(p -> assertThat(p.call().name()).isEqualTo("pay"));
        assertThat(done.output()).isEqualTo("invoice 42 paid");
        assertThat(paid).containsExactly("{\"invoice\":42}");
        data.close();
    }
}
