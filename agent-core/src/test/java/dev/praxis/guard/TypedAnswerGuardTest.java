package dev.praxis.guard;

import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.agent.StructuredOutputException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A typed run's answer that does not fit its schema still passes the output guard: what the
 * guard withholds or masks reaches neither the repair turn, memory, the result's steps nor
 * the exception the caller gets.
 */
class TypedAnswerGuardTest {

    record Verdict(boolean approve, String reason) {
    }

    private static final String EMAIL = "jane.doe@example.com";
    private static final String SECRET = "crm-token-7Hq2Lx9Vb4";
    private static final MemoryScope SCOPE = MemoryScope.session("typed");

    private final MessageWindowMemory memory = MessageWindowMemory.of(50);

    @Test
    void aRejectedAnswerWithASecretTripsTheRunInsteadOfBeingRepaired() {
        ScriptedLlm llm = ScriptedLlm.of(text("Approve it; the CRM token is " + SECRET + "."),
                text("{\"approve\":true,\"reason\":\"ok\"}"));
        LlmAgent agent = LlmAgent.builder().llm(llm).memory(memory)
                .guardrails(AnswerGuard.create().secrets(SECRET)).build();

        StructuredOutputException failed = catchThrowableOfType(StructuredOutputException.class,
                () -> agent.run(AgentRequest.of("Refund 20 EUR?").inSession(SCOPE), Verdict.class));

        assertThat(failed.lastRun().status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(failed.rawText()).doesNotContain(SECRET);
        assertThat(failed.lastRun().steps()).allSatisfy(s -> assertThat(s.response().text()).doesNotContain(SECRET));
        assertThat(memory.messages(SCOPE)).allSatisfy(m -> assertThat(m.toString()).doesNotContain(SECRET));
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void aRejectedAnswerIsRepairedAsTheGuardLeftIt() {
        ScriptedLlm llm = ScriptedLlm.of(text("Yes, and mail " + EMAIL + " the form."),
                text("{\"approve\":true,\"reason\":\"within policy\"}"));
        LlmAgent agent = LlmAgent.builder().llm(llm).memory(memory).guardrails(PiiRedactor.mask()).build();

        Verdict verdict = agent.run(AgentRequest.of("Refund 20 EUR?").inSession(SCOPE), Verdict.class);

        assertThat(verdict).isEqualTo(new Verdict(true, "within policy"));
        assertThat(llm.requests().get(1).messages()).allSatisfy(m -> assertThat(m.toString()).doesNotContain(EMAIL))
                .anySatisfy(m -> assertThat(m.toString()).contains("Yes, and mail [EMAIL] the form."));
        assertThat(memory.messages(SCOPE)).allSatisfy(m -> assertThat(m.toString()).doesNotContain(EMAIL));
    }

    @Test
    void anAnswerThatNeverFitsEndsWithTheGuardedTextAsItsOutput() {
        ScriptedLlm llm = ScriptedLlm.of(text("Mail " + EMAIL + "."), text("Mail " + EMAIL + "."),
                text("Mail " + EMAIL + "."));
        LlmAgent agent = LlmAgent.builder().llm(llm).guardrails(PiiRedactor.mask()).build();

        StructuredOutputException failed = catchThrowableOfType(StructuredOutputException.class,
                () -> agent.run("Refund 20 EUR?", Verdict.class));

        assertThat(failed.lastRun().status()).isEqualTo(Status.FAILED);
        assertThat(failed.rawText()).isEqualTo("Mail [EMAIL].");
        assertThat(failed.lastRun().steps()).allSatisfy(s -> assertThat(s.response().text()).doesNotContain(EMAIL));
    }
}
