package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructuredTest {

    record Verdict(boolean approve, String reason) {
    }

    private static String lastUserText(ScriptedLlm llm, int call) {
        var messages = llm.requests().get(call).messages();
        return ((UserMessage) messages.get(messages.size() - 1)).singleText();
    }

    @Test
    void returnsTheTypedValueAndSendsTheSchemaWithTheTask() {
        var llm = ScriptedLlm.of(text("{\"approve\":true,\"reason\":\"within policy\"}"));

        Verdict verdict = LlmAgent.builder().llm(llm).build().run("Refund 20 EUR?", Verdict.class);

        assertThat(verdict).isEqualTo(new Verdict(true, "within policy"));
        assertThat(lastUserText(llm, 0)).startsWith("Refund 20 EUR?").contains("\"approve\"").contains("JSON schema");
    }

    @Test
    void aTypedRunInASessionSeesTheSessionsEarlierTurns() {
        var llm = ScriptedLlm.of(text("Noted: order 42."), text("{\"approve\":true,\"reason\":\"order 42\"}"));
        var agent = LlmAgent.builder().llm(llm).memory(MessageWindowMemory.of(100)).build();
        var session = MemoryScope.session("refunds");
        agent.run(AgentRequest.of("The order is 42.").inSession(session));

        Verdict verdict = agent.run(AgentRequest.of("Refund it?").inSession(session), Verdict.class);

        assertThat(verdict).isEqualTo(new Verdict(true, "order 42"));
        assertThat(llm.requests().get(1).messages()).contains(UserMessage.from("The order is 42."),
                AiMessage.from("Noted: order 42."));
        assertThat(lastUserText(llm, 1)).startsWith("Refund it?").contains("JSON schema");
    }

    @Test
    void reAsksWithTheExactErrorUntilTheAnswerFits() {
        var llm = ScriptedLlm.of(text("Yes, approve it."), text("{\"approve\":true}"),
                text("{\"approve\":false,\"reason\":\"over limit\"}"));

        Verdict verdict = LlmAgent.builder().llm(llm).build().run("Refund 900 EUR?", Verdict.class);

        assertThat(verdict).isEqualTo(new Verdict(false, "over limit"));
        assertThat(llm.requests().get(1).messages()).contains(AiMessage.from("Yes, approve it."));
        assertThat(lastUserText(llm, 1)).contains("was rejected: not valid JSON: Unrecognized token 'Yes'");
        assertThat(llm.requests().get(2).messages()).contains(AiMessage.from("{\"approve\":true}"));
        assertThat(lastUserText(llm, 2)).contains("was rejected: does not match the schema:").contains("reason");
    }

    @Test
    void repairsInsideTheSameRunAndNeverRunsAToolAgain() {
        Ledger ledger = new Ledger();
        var llm = ScriptedLlm.of(toolCall("refund", "{\"amount\":20}"), text("Refunded, all good."),
                toolCall("refund", "{\"amount\":20}"), text("{\"approve\":true,\"reason\":\"refunded 20\"}"));
        List<AgentEvent> events = new ArrayList<>();
        var agent = LlmAgent.builder().llm(llm).tools(ledger.tool("refund", SideEffect.WRITE)).listener(events::add)
                .build();

        Verdict verdict = agent.run("Refund 20 EUR", Verdict.class);

        assertThat(verdict).isEqualTo(new Verdict(true, "refunded 20"));
        assertThat(ledger.executed).containsExactly("refund {\"amount\":20}");
        assertThat(events).filteredOn(AgentEvent.RunStarted.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(AgentEvent.Completed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AgentEvent.Completed) e).result().steps()).hasSize(4));
        assertThat(llm.requests()).hasSize(4);
        assertThat(llm.requests().get(1).toolSpecifications()).hasSize(1);
        assertThat(llm.requests().get(2).toolSpecifications()).as("a repair turn offers no tools").isEmpty();
        assertThat(llm.requests().get(3).toolSpecifications()).isEmpty();
        assertThat(lastUserText(llm, 3)).contains("tools cannot be used while the answer is corrected");
    }

    @Test
    void aRepairSpendsTheRunsBudgetNotAFreshOne() {
        Ledger ledger = new Ledger();
        var llm = ScriptedLlm.of(toolCall("refund", "{\"amount\":20}"), text("Refunded, all good."),
                toolCall("refund", "{\"amount\":20}"), text("{\"approve\":true,\"reason\":\"refunded 20\"}"));
        var agent = LlmAgent.builder().llm(llm).tools(ledger.tool("refund", SideEffect.WRITE))
                .budget(Budget.DEFAULT.withMaxSteps(2)).build();

        assertThatThrownBy(() -> agent.run("Refund 20 EUR", Verdict.class))
                .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                    assertThat(e.lastRun().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
                    assertThat(e.rawText()).isEqualTo("Refunded, all good.");
                    assertThat(e.errors()).singleElement().asString().startsWith("not valid JSON");
                });
        assertThat(ledger.executed).containsExactly("refund {\"amount\":20}");
        assertThat(llm.requests()).hasSize(2);
    }

    @Test
    void givesUpAfterThreeAttemptsWithTheRawAnswerAndEveryError() {
        var llm = ScriptedLlm.of(text("no"), text("still no"), text("{\"approve\":\"maybe\",\"reason\":\"?\"}"));

        assertThatThrownBy(() -> LlmAgent.builder().llm(llm).build().run("Refund?", Verdict.class))
                .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                    assertThat(e.rawText()).isEqualTo("{\"approve\":\"maybe\",\"reason\":\"?\"}");
                    assertThat(e.errors()).hasSize(3);
                    assertThat(e.getMessage()).startsWith("no valid Verdict after 3 attempts; last error:");
                });
    }

    @Test
    void aRunThatDoesNotCompleteFailsAtOnceWithItsReason() {
        var llm = ScriptedLlm.of(ScriptedLlm.toolCall("add", "{\"a\":1,\"b\":1}").withUsage(10, 10));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator())
                .budget(Budget.DEFAULT.withMaxTokens(15)).build();

        assertThatThrownBy(() -> agent.run("Add?", Verdict.class))
                .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                    assertThat(e.lastRun().status()).isEqualTo(Status.BUDGET_EXHAUSTED);
                    assertThat(e.getMessage()).startsWith("run ended BUDGET_EXHAUSTED before a typed answer");
                    assertThat(e.errors()).isEmpty();
                });
    }
}
