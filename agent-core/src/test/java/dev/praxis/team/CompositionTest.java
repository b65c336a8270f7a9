package dev.praxis.team;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Status;
import dev.praxis.agent.Usage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.praxis.team.Scripts.agent;
import static dev.praxis.team.Scripts.echo;
import static dev.praxis.team.Scripts.lastUser;
import static dev.praxis.team.Scripts.noop;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class CompositionTest {

    @Test
    void sequenceFeedsEachOutputToTheNextMemberAndReportsEachMembersPart() {
        var research = ScriptedLlm.of(toolCall("noop", "{}").withUsage(10, 2), echo("R").withUsage(20, 3));
        var write = ScriptedLlm.of(echo("W").withUsage(5, 1));
        Team chain = Sequence.of("report", Member.of("research", agent("research", research, noop())),
                Member.of("write", agent("write", write)));

        TeamResult result = chain.runTeam(AgentRequest.of("incidents"));

        assertThat(result.result().status()).isEqualTo(Status.COMPLETED);
        assertThat(result.result().output()).isEqualTo("W(R(incidents))");
        assertThat(result.byMember()).containsEntry("research", new TeamResult.Totals(1, 2, new Usage(30, 5)))
                .containsEntry("write", new TeamResult.Totals(1, 1, new Usage(5, 1)));
        assertThat(result.result().usage()).isEqualTo(new Usage(35, 6));
        assertThat(result.result().steps()).extracting(s -> s.index()).containsExactly(1, 2, 3);
    }

    @Test
    void sequenceStopsAtTheFirstMemberThatDoesNotCompleteAndNamesIt() {
        var looping = ScriptedLlm.of(toolCall("noop", "{}"), toolCall("noop", "{}"));
        var never = ScriptedLlm.of();
        Team chain = Sequence.of("chain",
                Member.of("stuck", agent("stuck", looping, noop())).withBudget(Budget.DEFAULT.withMaxSteps(2)),
                Member.of("never", agent("never", never)));

        AgentResult result = chain.run("go");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("member 'stuck' ended BUDGET_EXHAUSTED: step budget: this is step 2 of 2");
        assertThat(never.requests()).isEmpty();
    }

    @Test
    void teamStepBudgetCoversAllMembersTogether() {
        var first = ScriptedLlm.of(toolCall("noop", "{}"), text("one"));
        var second = ScriptedLlm.of();
        Team chain = Sequence.of("chain", Member.of("first", agent("first", first, noop())),
                Member.of("second", agent("second", second))).withBudget(Budget.DEFAULT.withMaxSteps(2));

        TeamResult result = chain.runTeam(AgentRequest.of("go"));

        assertThat(result.result().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.result().reason()).contains("team step budget exhausted: 2 of 2 steps used",
                "member 'second' did not run");
        assertThat(second.requests()).isEmpty();
    }

    @Test
    void memberGetsOnlyWhatIsLeftOfTheTeamBudget() {
        var first = ScriptedLlm.of(toolCall("noop", "{}"), text("one"));
        var second = ScriptedLlm.of(toolCall("noop", "{}"), toolCall("noop", "{}"));
        Team chain = Sequence.of("chain", Member.of("first", agent("first", first, noop())),
                Member.of("second", agent("second", second, noop()))).withBudget(Budget.DEFAULT.withMaxSteps(3));

        AgentResult result = chain.run("go");

        assertThat(result.reason()).contains("member 'second'", "step budget exhausted: 1 of 1 steps used");
    }

    @Test
    void parallelRunsBranchesAtTheSameTimeAndJoinsTheirOutputs() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        ScriptedLlm.Reply waitForOther = request -> {
            bothStarted.countDown();
            try {
                assertThat(bothStarted.await(10, TimeUnit.SECONDS)).as("other branch started").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text("seen " + lastUser(request)).reply(request);
        };
        Team panel = Parallel.builder("panel")
                .members(Member.of("a", agent("a", ScriptedLlm.of(waitForOther))),
                        Member.of("b", agent("b", ScriptedLlm.of(waitForOther))))
                .build();

        TeamResult result = panel.runTeam(AgentRequest.of("q"));

        assertThat(result.result().output()).isEqualTo("Task: q\n\n[a]\nseen q\n\n[b]\nseen q\n");
        assertThat(result.byMember()).containsOnlyKeys("a", "b");
    }

    @Test
    void parallelAggregatorWritesTheAnswerFromAllBranches() {
        var judge = ScriptedLlm.of(request -> text("verdict on " + lastUser(request).length() + " chars").reply(request));
        Team panel = Parallel.builder("panel")
                .members(Member.of("pro", agent("pro", ScriptedLlm.of(text("yes")))),
                        Member.of("con", agent("con", ScriptedLlm.of(text("no")))))
                .aggregateWith(Member.of("judge", agent("judge", judge)))
                .build();

        TeamResult result = panel.runTeam(AgentRequest.of("ship it?"));

        assertThat(lastUser(judge.requests().get(0))).contains("[pro]\nyes", "[con]\nno", "ship it?");
        assertThat(result.result().output()).startsWith("verdict on");
        assertThat(result.members()).extracting(MemberRun::member).endsWith("judge");
    }

    @Test
    void parallelBranchesShareTheTeamBudgetEqually() {
        Team panel = Parallel.builder("panel")
                .members(Member.of("a", agent("a", ScriptedLlm.of(toolCall("noop", "{}"), toolCall("noop", "{}")), noop())),
                        Member.of("b", agent("b", ScriptedLlm.of(toolCall("noop", "{}"), toolCall("noop", "{}")), noop())))
                .budget(Budget.DEFAULT.withMaxSteps(4))
                .build();

        TeamResult result = panel.runTeam(AgentRequest.of("q"));

        assertThat(result.result().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.members()).allSatisfy(m -> assertThat(m.steps()).isEqualTo(2));
    }

    @Test
    void criticLoopRevisesUntilApproved() {
        var writer = ScriptedLlm.of(text("draft 1"), request -> text("draft 2 after: " + lastUser(request)).reply(request));
        var editor = ScriptedLlm.of(text("Add numbers."), text("APPROVED, thanks"));
        Team essay = Loop.withCritic("essay", Member.of("writer", agent("writer", writer)),
                Member.of("editor", agent("editor", editor)), 3);

        TeamResult result = essay.runTeam(AgentRequest.of("Write about Q3"));

        assertThat(result.result().status()).isEqualTo(Status.COMPLETED);
        assertThat(result.result().output()).startsWith("draft 2 after: Task:\nWrite about Q3")
                .contains("Your previous answer:\ndraft 1", "Reviewer's feedback:\nAdd numbers.");
        assertThat(result.result().reason()).isEqualTo("approved by 'editor' after 2 round(s)");
        assertThat(result.byMember().get("writer").runs()).isEqualTo(2);
        assertThat(lastUser(editor.requests().get(0))).contains("Answer to review:\ndraft 1");
    }

    @Test
    void loopStopsAtItsBoundWithTheLastAnswer() {
        var writer = ScriptedLlm.of(text("v1"), text("v2"));
        var editor = ScriptedLlm.of(text("no"), text("still no"));
        Team essay = Loop.withCritic("essay", Member.of("writer", agent("writer", writer)),
                Member.of("editor", agent("editor", editor)), 2);

        AgentResult result = essay.run("x");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.output()).isEqualTo("v2");
        assertThat(result.reason()).isEqualTo("loop 'essay' reached its bound of 2 round(s) without approval");
    }

    @Test
    void conditionLoopFeedsTheAnswerBackUntilItHolds() {
        var counter = ScriptedLlm.of(echo("+"), echo("+"), echo("+"));
        Team loop = Loop.until("grow", Member.of("counter", agent("counter", counter)), s -> s.length() > 6, 5);

        assertThat(loop.run("x").output()).isEqualTo("+(+(x))");
    }

    @Test
    void nestedTeamsReportTheirMembersInsideTheParentsResult() {
        Team inner = Parallel.builder("inner")
                .members(Member.of("a", agent("a", ScriptedLlm.of(text("A")))),
                        Member.of("b", agent("b", ScriptedLlm.of(text("B")))))
                .join((input, outputs) -> String.join("+", outputs.values()))
                .build();
        Team outer = Sequence.of("outer", Member.of("fan", inner),
                Member.of("final", agent("final", ScriptedLlm.of(echo("F")))));

        TeamResult result = outer.runTeam(AgentRequest.of("go"));

        assertThat(result.result().output()).isEqualTo("F(A+B)");
        assertThat(result.members()).extracting(MemberRun::member).containsExactly("fan", "final");
        assertThat(result.members().get(0).members()).extracting(MemberRun::member).containsExactlyInAnyOrder("a", "b");
        assertThat(result.result().steps()).hasSize(3);
    }

    @Test
    void memberThatThrowsEndsTheTeamAsFailedInsteadOfEscaping() {
        Team chain = Sequence.of("chain", Member.of("broken", request -> {
            throw new IllegalStateException("boom");
        }));

        AgentResult result = chain.run("go");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("member 'broken'", "threw instead of returning a result", "boom");
    }

    @Test
    void membersInASessionKeepSeparateConversations() {
        var first = ScriptedLlm.of(text("one"), request -> text("turns=" + request.messages().size()).reply(request));
        Team chain = Sequence.of("chain", Member.of("first", agent("first", first)));
        var session = AgentRequest.of("hi").inSession(MemoryScope.session("s1"));

        chain.run(session);
        AgentResult second = chain.run(AgentRequest.of("again").inSession(MemoryScope.session("s1")));

        assertThat(second.output()).isEqualTo("turns=3");
    }
}
