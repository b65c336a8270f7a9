package dev.praxis.agent;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import dev.praxis.llm.PromptTokens;
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
    void aCallWhosePromptAloneWouldOverspendIsNotMade() {
        String task = "Summarise this report: " + "quarterly revenue rose while costs fell. ".repeat(200);
        int prompt = PromptTokens.count(ChatRequest.builder().messages(UserMessage.from(task)).build(), null);
        var llm = ScriptedLlm.of(priced(ScriptedLlm.text("never asked")));
        var agent = LlmAgent.builder().llm(llm).prices(PRICES)
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.0001"))).build();

        AgentResult result = agent.run(task);

        assertThat(prompt).isBetween(1_200, 1_800);
        String estimate = new BigDecimal("0.15").multiply(BigDecimal.valueOf(prompt)).movePointLeft(6)
                .stripTrailingZeros().toPlainString();
        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("cost budget would be exceeded: the next model call is estimated at "
                + estimate + " (" + prompt + " prompt tokens at the table's highest prices) and 0 of 0.0001 is spent;"
                + " the call was not made");
        assertThat(llm.requests()).isEmpty();
        assertThat(result.steps()).isEmpty();
    }

    @Test
    void reservedOutputTokensCountInTheEstimate() {
        Budget budget = Budget.DEFAULT.withMaxCost(new BigDecimal("0.005"));
        var refused = ScriptedLlm.of(priced(ScriptedLlm.text("never asked")));
        var allowed = ScriptedLlm.of(priced(ScriptedLlm.text("fine")));

        AgentResult big = LlmAgent.builder().llm(refused).prices(PRICES).budget(budget).reserveOutputTokens(10_000)
                .build().run("hi");
        AgentResult small = LlmAgent.builder().llm(allowed).prices(PRICES).budget(budget).reserveOutputTokens(1_000)
                .build().run("hi");

        // 10,000 output tokens at 0.60 per million: 0.006 > 0.005 before a single prompt token
        assertThat(big.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(big.reason()).startsWith("cost budget would be exceeded: the next model call is estimated at 0.0060")
                .contains(" prompt tokens + 10000 reserved output tokens at the table's highest prices)");
        assertThat(refused.requests()).isEmpty();
        assertThat(small.status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void afterTheFirstCallTheAnsweringModelsPriceIsUsed() {
        PriceTable twoModels = PriceTable.of(Map.of("gpt-4o-mini", Price.perMillion("0.15", "0.60"),
                "o1", Price.perMillion("15", "60")));
        String task = "Check these figures: " + "12 34 56 78 90 ".repeat(100);
        var llm = ScriptedLlm.of(priced(toolCall("add", "{\"a\":1,\"b\":2}")), priced(ScriptedLlm.text("3")));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).prices(twoModels)
                .budget(Budget.DEFAULT.withMaxCost(new BigDecimal("0.03"))).build();

        AgentResult result = agent.run(task);

        assertThat(PromptTokens.count(ChatRequest.builder().messages(UserMessage.from(task)).build(), null))
                .isBetween(800, 1_300);
        // first call at o1's 15 per million: ~1,000 tokens = ~0.015, fits in 0.03; the second at
        // o1's price would not (0.021 spent + ~0.015), at gpt-4o-mini's, which answered, it does
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(llm.requests()).hasSize(2);
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
