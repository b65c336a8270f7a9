package dev.praxis.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

/** Loop detection, the final tool-less answer and the tool-call budget. */
class LoopSafetyTest {

    private final Ledger ledger = new Ledger();

    private LlmAgent.Builder agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).tools(ledger.tool("debit", SideEffect.WRITE));
    }

    private static String lastText(ChatRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        return last instanceof UserMessage user ? user.singleText() : String.valueOf(last);
    }

    @Test
    void aRepeatedCallIsToldToTheModelAndAskingAgainStopsTheRun() {
        var llm = ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), toolCall("debit", "{ \"amount\": 1 }"),
                toolCall("debit", "{\"amount\":1}"), toolCall("debit", "{\"amount\":1}"));

        AgentResult result = agent(llm).build().run("pay 1");

        assertThat(ledger.executed).hasSize(2);
        assertThat(result.steps().get(2).results().get(0).text()).contains("not run")
                .contains("exactly these arguments 2 time(s)").contains("asking for this call again ends the run");
        assertThat(result.status()).isEqualTo(Status.LOOP_DETECTED);
        assertThat(result.reason()).contains("'debit'").contains("4 times");
        assertThat(llm.requests()).hasSize(4);
    }

    @Test
    void keyOrderAndSpacingMakeNoNewCallButOtherValuesAndOtherToolsDo() {
        var llm = ScriptedLlm.of(toolCall("debit", "{\"amount\":1,\"to\":\"bob\"}"),
                toolCall("debit", "{\"amount\":2,\"to\":\"bob\"}"), toolCall("credit", "{\"amount\":1,\"to\":\"bob\"}"),
                toolCall("debit", "{ \"to\": \"bob\", \"amount\": 1 }"), toolCall("debit", "{\"to\":\"bob\",\"amount\":1}"),
                text("stopped"));

        AgentResult result = LlmAgent.builder().llm(llm).tools(ledger.tool("debit", SideEffect.WRITE),
                ledger.tool("credit", SideEffect.WRITE)).maxRepeatedCalls(2).build().run("pay bob");

        assertThat(ledger.executed).containsExactly("debit {\"amount\":1,\"to\":\"bob\"}",
                "debit {\"amount\":2,\"to\":\"bob\"}", "credit {\"amount\":1,\"to\":\"bob\"}");
        assertThat(result.steps().get(3).results().get(0).text()).contains("not run: you already called 'debit'");
        assertThat(result.status()).isEqualTo(Status.LOOP_DETECTED);
        assertThat(result.reason()).contains("'debit'").contains("3 times");
    }

    @Test
    void malformedArgumentsRepeatOnlyAsTheSameText() {
        var llm = ScriptedLlm.of(toolCall("debit", "{amount:1"), toolCall("debit", "{amount: 1"),
                toolCall("debit", "{amount:1"), text("gave up"));

        AgentResult result = agent(llm).maxRepeatedCalls(2).build().run("pay 1");

        assertThat(result.steps().get(1).results().get(0).text()).doesNotContain("already called");
        assertThat(result.steps().get(2).results().get(0).text()).contains("not run: you already called 'debit'");
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void theThresholdIsConfigurableAndZeroTurnsDetectionOff() {
        var twice = ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), toolCall("debit", "{\"amount\":1}"),
                toolCall("debit", "{\"amount\":1}"));
        var off = ScriptedLlm.of(toolCall("debit", "{\"amount\":2}"), toolCall("debit", "{\"amount\":2}"),
                toolCall("debit", "{\"amount\":2}"), toolCall("debit", "{\"amount\":2}"), text("paid four times"));

        AgentResult stopped = agent(twice).maxRepeatedCalls(2).build().run("pay 1");
        AgentResult done = agent(off).maxRepeatedCalls(0).build().run("pay 2 four times");

        assertThat(stopped.status()).isEqualTo(Status.LOOP_DETECTED);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(ledger.executed).containsExactly("debit {\"amount\":1}", "debit {\"amount\":2}",
                "debit {\"amount\":2}", "debit {\"amount\":2}", "debit {\"amount\":2}");
    }

    @Test
    void theLastStepAsksForAnAnswerWithoutToolsSoTheUserGetsOne() {
        var llm = ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), toolCall("debit", "{\"amount\":2}"),
                text("I paid 1 and 2; 3 is still open"));

        AgentResult result = agent(llm).budget(Budget.DEFAULT.withMaxSteps(3)).build().run("pay 1, 2 and 3");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("I paid 1 and 2; 3 is still open");
        assertThat(result.reason()).contains("asked for without tools").contains("step 3 of 3");
        ChatRequest last = llm.requests().get(2);
        assertThat(last.toolSpecifications()).isEmpty();
        assertThat(lastText(last)).contains("You cannot use tools any more");
        assertThat(llm.requests().get(1).toolSpecifications()).hasSize(1);
    }

    @Test
    void askingForToolsInTheFinalCallTheRunEndsWithoutRunningThem() {
        var llm = ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), toolCall("debit", "{\"amount\":2}"));

        AgentResult result = agent(llm).budget(Budget.DEFAULT.withMaxSteps(2)).build().run("pay 1 and 2");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).contains("the model asked for tools again, which were not run");
        assertThat(ledger.executed).containsExactly("debit {\"amount\":1}");
    }

    @Test
    void theFinalAnswerCallCanBeTurnedOff() {
        var llm = ScriptedLlm.of(toolCall("debit", "{\"amount\":1}"), toolCall("debit", "{\"amount\":2}"),
                toolCall("debit", "{\"amount\":3}"));

        AgentResult result = agent(llm).finalAnswer(false).budget(Budget.DEFAULT.withMaxSteps(3)).build()
                .run("pay 1, 2 and 3");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.output()).isEmpty();
        assertThat(llm.requests().get(2).toolSpecifications()).hasSize(1);
        assertThat(ledger.executed).hasSize(3);
    }

    @Test
    void theToolCallBudgetCountsEveryCallAndThenAsksForAnAnswer() {
        var llm = ScriptedLlm.of(toolCalls(call("debit", "{\"amount\":1}"), call("debit", "{\"amount\":2}")),
                text("paid 1 and 2"));

        AgentResult result = agent(llm).budget(Budget.DEFAULT.withMaxToolCalls(2)).build().run("pay");

        assertThat(ledger.executed).hasSize(2);
        assertThat(llm.requests().get(1).toolSpecifications()).isEmpty();
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.reason()).contains("tool-call budget: all 2 tool calls are used");
        assertThat(result.output()).isEqualTo("paid 1 and 2");
    }

    @Test
    void aStepAskingForMoreCallsThanAreLeftRunsNone() {
        var llm = ScriptedLlm.of(toolCalls(call("debit", "{\"amount\":1}"), call("debit", "{\"amount\":2}")));

        AgentResult result = agent(llm).budget(Budget.DEFAULT.withMaxToolCalls(1).withMaxTime(Duration.ofMinutes(1)))
                .build().run("pay");

        assertThat(ledger.executed).isEmpty();
        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).contains("tool-call budget exhausted: 0 calls made, 2 more requested");
    }
}
