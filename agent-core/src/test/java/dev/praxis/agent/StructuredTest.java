package dev.praxis.agent;

import dev.langchain4j.data.message.UserMessage;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;


import static dev.praxis.testing.ScriptedLlm.text;
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
    void reAsksWithTheExactErrorUntilTheAnswerFits() {
        var llm = ScriptedLlm.of(text("Yes, approve it."), text("{\"approve\":true}"),
                text("{\"approve\":false,\"reason\":\"over limit\"}"));

        Verdict verdict = LlmAgent.builder().llm(llm).build().run("Refund 900 EUR?", Verdict.class);

        assertThat(verdict).isEqualTo(new Verdict(false, "over limit"));
        assertThat(lastUserText(llm, 1)).contains("Yes, approve it.")
                .contains("It was rejected: not valid JSON: Unrecognized token 'Yes'");
        assertThat(lastUserText(llm, 2)).contains("{\"approve\":true}")
                .contains("It was rejected: does not match the schema:").contains("reason");
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
