package dev.praxis.team;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.praxis.team.Scripts.noop;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** Cost limits of teams: the team's, each member's own, and what a member is granted of the team's. */
class TeamCostTest {

    private static final PriceTable PRICES = PriceTable.of(java.util.Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));

    /** 100k tokens in and 10k out of gpt-4o-mini: 0.015 + 0.006 = 0.021 per call. */
    private static ScriptedLlm.Reply priced(ScriptedLlm.Reply reply) {
        return request -> {
            ChatResponse plain = reply.reply(request);
            return ChatResponse.builder().aiMessage(plain.aiMessage()).modelName("gpt-4o-mini")
                    .tokenUsage(new TokenUsage(100_000, 10_000)).build();
        };
    }

    private static LlmAgent agent(String name, ScriptedLlm llm) {
        return LlmAgent.builder().name(name).llm(llm).tools(noop()).prices(PRICES).build();
    }

    private static Budget cost(String max) {
        return Budget.DEFAULT.withMaxCost(new BigDecimal(max));
    }

    @Test
    void theTeamCostBudgetCoversAllMembersAndEachMembersCostIsReported() {
        var first = ScriptedLlm.of(priced(text("one")));
        var second = ScriptedLlm.of(priced(text("two")));
        var third = ScriptedLlm.of();
        Team chain = Sequence.of("chain", Member.of("first", agent("first", first)),
                Member.of("second", agent("second", second)), Member.of("third", agent("third", third)))
                .withBudget(cost("0.04"));

        TeamResult result = chain.runTeam(AgentRequest.of("go"));

        assertThat(result.result().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.result().reason()).contains("team cost budget exhausted: 0.042 of 0.04 spent",
                "member 'third' did not run");
        assertThat(third.requests()).isEmpty();
        assertThat(result.result().usage().cost()).isEqualByComparingTo("0.042");
        assertThat(result.byMember().get("first").usage().cost()).isEqualByComparingTo("0.021");
        assertThat(result.byMember().get("second").usage().cost()).isEqualByComparingTo("0.021");
    }

    @Test
    void aMemberIsGrantedOnlyTheCostLeftOfTheTeamBudget() {
        var first = ScriptedLlm.of(priced(text("one")));
        var second = ScriptedLlm.of(priced(toolCall("noop", "{}")), priced(toolCall("noop", "{}")));
        Team chain = Sequence.of("chain", Member.of("first", agent("first", first)),
                Member.of("second", agent("second", second))).withBudget(cost("0.05"));

        AgentResult result = chain.run("go");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("member 'second' ended BUDGET_EXHAUSTED: cost budget exhausted:"
                + " 0.042 of 0.029 spent; requested tool calls were not run");
    }

    @Test
    void aMembersOwnCostLimitSurvivesATeamWithoutOne() {
        var capped = ScriptedLlm.of(priced(toolCall("noop", "{}")));
        var byAgent = LlmAgent.builder().name("byAgent").llm(ScriptedLlm.of(priced(toolCall("noop", "{}"))))
                .tools(noop()).prices(PRICES).budget(cost("0.02")).build();
        Team explicit = Sequence.of("explicit", Member.of("capped", agent("capped", capped)).withBudget(cost("0.01")));
        Team implicit = Sequence.of("implicit", Member.of("byAgent", byAgent));

        AgentResult one = explicit.run("go");
        AgentResult two = implicit.run("go");

        assertThat(one.reason()).isEqualTo("member 'capped' ended BUDGET_EXHAUSTED: cost budget exhausted:"
                + " 0.021 of 0.01 spent; requested tool calls were not run");
        assertThat(two.reason()).isEqualTo("member 'byAgent' ended BUDGET_EXHAUSTED: cost budget exhausted:"
                + " 0.021 of 0.02 spent; requested tool calls were not run");
    }

    @Test
    void aCostLimitInTheRequestTightensTheTeamBudget() {
        var only = ScriptedLlm.of(priced(toolCall("noop", "{}")));
        Team chain = Sequence.of("chain", Member.of("only", agent("only", only))).withBudget(cost("1"));

        AgentResult result = chain.run(AgentRequest.of("go").withBudget(cost("0.015")));

        assertThat(result.reason()).isEqualTo("member 'only' ended BUDGET_EXHAUSTED: cost budget exhausted:"
                + " 0.021 of 0.015 spent; requested tool calls were not run");
    }

    @Test
    void parallelBranchesShareTheTeamCostEqually() {
        var left = ScriptedLlm.of(priced(toolCall("noop", "{}")), priced(toolCall("noop", "{}")));
        var right = ScriptedLlm.of(priced(text("fine")));
        Team fan = Parallel.builder("fan").members(Member.of("left", agent("left", left)),
                Member.of("right", agent("right", right))).budget(cost("0.06")).build();

        AgentResult result = fan.run("go");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).contains("member 'left' ended BUDGET_EXHAUSTED: cost budget exhausted:"
                + " 0.042 of 0.03 spent");
    }

    @Test
    void aPricedSupervisorsOwnCallsCountAgainstTheTeamCostBudget() {
        var member = ScriptedLlm.of(priced(text("done")), priced(text("again")));
        var routing = ScriptedLlm.of(priced(toolCall("worker", "{\"task\":\"do it\"}")),
                priced(toolCall("worker", "{\"task\":\"once more\"}")), priced(text("all done")));
        Team desk = Supervisor.builder("desk").llm(routing).prices(PRICES)
                .members(Member.of("worker", "does work", agent("worker", member))).budget(cost("0.05")).build();

        TeamResult result = desk.runTeam(AgentRequest.of("go"));

        assertThat(result.result().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.result().reason()).isEqualTo("team cost budget exhausted: 0.063 of 0.05 spent");
        assertThat(routing.requests()).hasSize(2);
        assertThat(result.byMember().get("desk").usage().cost()).isEqualByComparingTo("0.042");
        assertThat(result.byMember().get("worker").usage().cost()).isEqualByComparingTo("0.021");
    }
}
