package dev.praxis.agent;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.state.FileCheckpointStore;
import dev.praxis.state.RunState;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CostBudgetTest {

    private static final PriceTable PRICES = PriceTable.of(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60")));

    /** A reply from a dated model name, 100k tokens in and 10k out: 0.015 + 0.006 = 0.021. */
    private static ScriptedLlm.Reply priced(ScriptedLlm.Reply reply) {
        return request -> {
            ChatResponse plain = reply.reply(request);
            return ChatResponse.builder().aiMessage(plain.aiMessage()).modelName("gpt-4o-mini-2024-07-18")
                    .tokenUsage(new TokenUsage(100_000, 10_000)).build();
        };
    }

    @Test
    void stopsBeforeRunningToolsOnceTheCostBudgetIsSpent() {
        var llm = ScriptedLlm.of(priced(toolCall("add", "{\"a\":1,\"b\":2}")), priced(toolCall("add", "{\"a\":3,\"b\":4}")));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).prices(PRICES)
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.03"))).build();

        AgentResult result = agent.run("add things");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("cost budget exhausted: 0.042 of 0.03 spent; requested tool calls were not run");
        assertThat(result.usage().cost()).isEqualByComparingTo("0.042");
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(0).results()).hasSize(1);
        assertThat(result.steps().get(1).results()).isEmpty();
        assertThat(result.steps().get(0).usage().cost()).isEqualByComparingTo("0.021");
    }

    @Test
    void refusesToStartAnotherCallWhenTheBudgetIsAlreadyMet() {
        var llm = ScriptedLlm.of(priced(toolCall("add", "{\"a\":1,\"b\":2}")));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).prices(PRICES)
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.021"))).build();

        AgentResult result = agent.run("add");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("cost budget exhausted: 0.021 of 0.021 spent");
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void aResumedRunKeepsItsSpentCostAndItsCostLimit(@TempDir Path dir) {
        var ledger = new Ledger();
        ledger.crashIn = "debit";
        var first = ScriptedLlm.of(priced(toolCall("debit", "{\"amount\":1}")));
        var budgeted = LlmAgent.builder().llm(first).toolbox(Toolbox.of(ledger.tool("debit", SideEffect.WRITE)))
                .prices(PRICES).checkpoints(FileCheckpointStore.in(dir))
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.05"))).build();
        assertThatThrownBy(() -> budgeted.run("debit")).isInstanceOf(Ledger.Crash.class);
        var store = FileCheckpointStore.in(dir);
        String runId = store.runIds(RunState.Phase.RUNNING).get(0);
        // a fresh process whose agent has no cost limit of its own: the run's own limit must come back
        var second = ScriptedLlm.of(priced(toolCall("debit", "{\"amount\":2}")), priced(toolCall("debit", "{\"amount\":3}")));
        var restarted = LlmAgent.builder().llm(second).toolbox(Toolbox.of(ledger.tool("debit", SideEffect.WRITE)))
                .prices(PRICES).checkpoints(store).build();

        AgentResult result = restarted.resume(runId);

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("cost budget exhausted: 0.063 of 0.05 spent; requested tool calls were not run");
        assertThat(result.usage().cost()).isEqualByComparingTo("0.063");
        assertThat(result.steps()).extracting(step -> step.usage().cost().toPlainString())
                .containsExactly("0.021", "0.021", "0.021");
        assertThat(ledger.executed).containsExactly("debit {\"amount\":1}", "debit {\"amount\":2}");
        assertThat(store.load(runId).orElseThrow().usage().cost()).isEqualByComparingTo("0.063");
    }

    @Test
    void withoutPricesUsageCostsNothingAndBudgetsIgnoreCost() {
        var llm = ScriptedLlm.of(priced(ScriptedLlm.text("done")));
        var agent = LlmAgent.builder().llm(llm).budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.000001"))).build();

        AgentResult result = agent.run("hi");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.usage().cost()).isZero();
    }
}
