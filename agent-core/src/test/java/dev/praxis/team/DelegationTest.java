package dev.praxis.team;

import dev.langchain4j.data.message.UserMessage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.Calculator;
import dev.praxis.memory.MemoryScope;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import static dev.praxis.team.Scripts.agent;
import static dev.praxis.team.Scripts.lastToolResult;
import static dev.praxis.team.Scripts.lastUser;
import static dev.praxis.team.Scripts.noop;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class DelegationTest {

    @Test
    void supervisorRoutesSubTasksToMembersExposedAsTools() {
        var boss = ScriptedLlm.of(toolCall("billing", "{\"task\":\"refund order 7\"}").withUsage(100, 10),
                request -> text("Done: " + lastToolResult(request)).reply(request));
        var billing = ScriptedLlm.of(request -> text("refunded, asked: " + lastUser(request)).withUsage(10, 1).reply(request));
        Team desk = Supervisor.builder("desk").llm(boss)
                .members(Member.of("billing", "Invoices and refunds", agent("billing", billing)),
                        Member.of("tech", "Technical problems", agent("tech", ScriptedLlm.of())))
                .build();

        TeamResult result = desk.runTeam(AgentRequest.of("Please refund order 7"));

        assertThat(result.result().output()).isEqualTo("Done: refunded, asked: refund order 7");
        assertThat(boss.requests().get(0).toolSpecifications()).extracting(s -> s.name() + ": " + s.description())
                .containsExactly("billing: Invoices and refunds", "tech: Technical problems");
        assertThat(result.members()).extracting(MemberRun::member).containsExactly("billing", "desk");
        assertThat(result.byMember().get("billing").steps()).isEqualTo(1);
        assertThat(result.byMember().get("desk").steps()).isEqualTo(2);
        assertThat(result.result().usage().totalTokens()).isEqualTo(121);
    }

    @Test
    void supervisorsMembersDoNotRunOnceTheTeamBudgetIsUsedUp() {
        var boss = ScriptedLlm.of(toolCall("worker", "{\"task\":\"a\"}"), toolCall("worker", "{\"task\":\"b\"}"));
        var worker = ScriptedLlm.of(text("did a"));
        Team team = Supervisor.builder("boss").llm(boss)
                .members(Member.of("worker", agent("worker", worker))).budget(Budget.DEFAULT.withMaxSteps(3)).build();

        TeamResult result = team.runTeam(AgentRequest.of("go"));

        assertThat(result.result().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.result().steps().get(2).results()).singleElement()
                .satisfies(r -> assertThat(r.text()).contains("team step budget exhausted: 3 of 3", "did not run"));
        assertThat(worker.requests()).hasSize(1);
    }

    @Test
    void handoffPassesTheConversationAndTheTargetContinuesWithItsHistory() {
        var triage = ScriptedLlm.of(toolCall("transfer_to_billing", "{\"note\":\"invoice 42 is wrong\"}"));
        var billing = ScriptedLlm.of(request -> text("fixed; I saw " + request.messages().size() + " messages").reply(request));
        Team desk = Handoff.builder("desk")
                .member("triage", "Greets and routes", agent("triage", triage))
                .member("billing", "Invoices", agent("billing", billing))
                .build();

        TeamResult result = desk.runTeam(AgentRequest.of("My invoice is wrong"));

        assertThat(result.result().status()).isEqualTo(Status.COMPLETED);
        assertThat(triage.requests()).as("no model call after the transfer").hasSize(1);
        assertThat(triage.requests().get(0).toolSpecifications()).extracting(s -> s.name())
                .containsExactly("transfer_to_billing");
        var seen = billing.requests().get(0).messages();
        assertThat(seen.get(0)).isEqualTo(UserMessage.from("My invoice is wrong"));
        assertThat(lastUser(billing.requests().get(0))).contains("from triage", "invoice 42 is wrong");
        assertThat(result.result().output()).isEqualTo("fixed; I saw 5 messages");
        assertThat(result.members()).extracting(MemberRun::member).containsExactly("triage", "billing");
    }

    @Test
    void handoffHistoryPersistsInTheCallersSession() {
        var triage = ScriptedLlm.of(text("hello"), request -> text("seen " + request.messages().size()).reply(request));
        Team desk = Handoff.builder("desk").member("triage", "routes", agent("triage", triage))
                .member("other", "other", agent("other", ScriptedLlm.of())).build();
        var session = MemoryScope.session("chat-1");

        desk.run(AgentRequest.of("hi").inSession(session));
        AgentResult second = desk.run(AgentRequest.of("again").inSession(session));

        assertThat(second.output()).isEqualTo("seen 3");
    }

    @Test
    void handoffStopsAtItsLimit() {
        var a = ScriptedLlm.of(toolCall("transfer_to_b", "{\"note\":\"x\"}"), toolCall("transfer_to_b", "{\"note\":\"x\"}"));
        var b = ScriptedLlm.of(toolCall("transfer_to_a", "{\"note\":\"y\"}"));
        Team pingPong = Handoff.builder("pp").member("a", "a", agent("a", a)).member("b", "b", agent("b", b))
                .maxHandoffs(2).build();

        AgentResult result = pingPong.run("go");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("hand-off limit of 2 reached; 'a' tried to transfer again");
    }

    @Test
    void agentToolAnswersWithTheAgentsOutputOrExplainsHowItEnded() {
        var inner = ScriptedLlm.of(request -> text("sum done for " + lastUser(request)).reply(request));
        AgentTool tool = AgentTool.of(Member.of("mathematician", "Does sums", agent("m", inner, new Calculator())));

        assertThat(tool.sideEffect()).isEqualTo(SideEffect.READ_ONLY);
        assertThat(tool.execute(new ToolCall("1", "mathematician", "{\"task\":\"2+2\"}"), ToolContext.NONE))
                .isEqualTo(ToolResult.ok("sum done for 2+2"));
        assertThat(tool.execute(new ToolCall("2", "mathematician", "{\"job\":1}"), ToolContext.NONE).text())
                .isEqualTo("Error: argument 'task' must be a non-empty string, e.g. {\"task\": \"...\"}");
        assertThat(tool.execute(new ToolCall("3", "mathematician", "{oops"), ToolContext.NONE).text())
                .startsWith("Error: arguments are not valid JSON");

        var stuck = ScriptedLlm.of(toolCall("noop", "{}"));
        AgentTool limited = AgentTool.of(Member.of("stuck", agent("stuck", stuck, noop()))
                .withBudget(Budget.DEFAULT.withMaxSteps(1)));
        ToolResult failed = limited.execute(new ToolCall("4", "stuck", "{\"task\":\"t\"}"), ToolContext.NONE);
        assertThat(failed).isEqualTo(new ToolResult.Failed(
                "agent 'stuck' ended BUDGET_EXHAUSTED: step budget exhausted: 1 of 1 steps used", true));
    }

    @Test
    void agentAsToolNestsInsideAnLlmAgent() {
        var inner = ScriptedLlm.of(text("42"));
        var outer = ScriptedLlm.of(toolCall("oracle", "{\"task\":\"answer\"}"),
                request -> text("oracle says " + lastToolResult(request)).reply(request));
        LlmAgent lead = LlmAgent.builder().llm(outer)
                .tools(AgentTool.of(Member.of("oracle", "Knows everything", agent("oracle", inner)))).build();

        assertThat(lead.run("q").output()).isEqualTo("oracle says 42");
    }

    @Test
    void memberNamesMustBeUsableAsToolNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Member.of("bad name!", request -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("member name 'bad name!'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sequence.of("dup",
                        Member.of("x", agent("x", ScriptedLlm.of())), Member.of("x", agent("y", ScriptedLlm.of()))))
                .hasMessageContaining("two members are named 'x'");
    }
}
