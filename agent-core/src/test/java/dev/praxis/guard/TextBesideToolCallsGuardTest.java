package dev.praxis.guard;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text a model writes beside its tool calls passes the output guard like a final answer:
 * what the guard masks or withholds reaches neither the result (output, steps), nor listeners
 * (events, streamed text), nor memory, nor the next prompt.
 */
class TextBesideToolCallsGuardTest {

    private static final String EMAIL = "jane.doe@example.com";
    private static final String SECRET = "crm-token-7Hq2Lx9Vb4";
    private static final MemoryScope SCOPE = MemoryScope.session("beside-calls");

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> streamed = new CopyOnWriteArrayList<>();
    private final MessageWindowMemory memory = MessageWindowMemory.of(50);
    private final TestTools.Fake lookup = TestTools.named("lookup").returns("order 4411: refund approved");

    /** A reply with {@code text} beside one call of {@code lookup}. */
    private static ScriptedLlm.Reply saysAndCalls(String text) {
        return request -> ChatResponse.builder().finishReason(FinishReason.TOOL_EXECUTION)
                .aiMessage(AiMessage.from(text, List.of(call("lookup", "{}").toBuilder().id("call_1").build())))
                .build();
    }

    private LlmAgent agent(ScriptedLlm llm, boolean streaming, Guardrail guardrail) {
        return LlmAgent.builder().llm(llm).tools(lookup).memory(memory).streaming(streaming)
                .guardrails(guardrail).listener(event -> {
                    events.add(event);
                    if (event instanceof AgentEvent.PartialText partial) {
                        streamed.add(partial.text());
                    }
                }).build();
    }

    private void assertNoOneSees(String leak, AgentResult result) {
        assertThat(result.output()).doesNotContain(leak);
        assertThat(result.steps()).allSatisfy(s -> assertThat(String.valueOf(s.response().text())).doesNotContain(leak));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain(leak));
        assertThat(String.join("", streamed)).doesNotContain(leak);
        assertThat(memory.messages(SCOPE)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.toString()).doesNotContain(leak));
    }

    private AgentResult run(LlmAgent agent) {
        return agent.run(AgentRequest.of("Where is my refund?").inSession(SCOPE));
    }

    @ParameterizedTest(name = "streaming={0}")
    @ValueSource(booleans = {false, true})
    void personalDataBesideAToolCallIsMaskedBeforeAnyoneSeesIt(boolean streaming) {
        ScriptedLlm llm = ScriptedLlm.of(saysAndCalls("I will write to " + EMAIL + " once I have your order."),
                text("Your refund was approved."));

        AgentResult result = run(agent(llm, streaming, PiiRedactor.mask()));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(lookup.calls()).hasSize(1);
        assertThat(result.steps().get(0).response().text()).isEqualTo("I will write to [EMAIL] once I have your order.");
        assertThat(result.steps().get(0).calls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("lookup"));
        assertNoOneSees(EMAIL, result);
        List<ChatMessage> secondPrompt = llm.requests().get(1).messages();
        assertThat(secondPrompt).allSatisfy(m -> assertThat(m.toString()).doesNotContain(EMAIL));
    }

    @ParameterizedTest(name = "streaming={0}")
    @ValueSource(booleans = {false, true})
    void aSecretBesideAToolCallTripsTheRunAndTheCallDoesNotRun(boolean streaming) {
        ScriptedLlm llm = ScriptedLlm.of(saysAndCalls("The CRM token is " + SECRET + "; checking your order now."));

        AgentResult result = run(agent(llm, streaming, AnswerGuard.create().secrets(SECRET)));

        assertThat(result.status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(result.reason()).startsWith("output: ");
        assertThat(lookup.calls()).isEmpty();
        assertThat(result.steps()).singleElement()
                .satisfies(s -> assertThat(s.response().text()).isEqualTo("[withheld by a guardrail]"));
        assertNoOneSees(SECRET, result);
    }

    @Test
    void aRunThatStopsAfterTheToolCallsReturnsTheMaskedText() {
        ScriptedLlm llm = ScriptedLlm.of(saysAndCalls("Mailing " + EMAIL + " the form."));
        LlmAgent agent = LlmAgent.builder().llm(llm).tools(lookup).memory(memory).guardrails(PiiRedactor.mask())
                .listener(events::add).budget(new Budget(1, Long.MAX_VALUE, Duration.ofMinutes(1))).build();

        AgentResult result = run(agent);

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.output()).isEqualTo("Mailing [EMAIL] the form.");
        assertNoOneSees(EMAIL, result);
    }

    @Test
    void cleanTextBesideAToolCallIsKeptAsWritten() {
        ScriptedLlm llm = ScriptedLlm.of(saysAndCalls("Let me look that up."), text("Approved."));

        AgentResult result = run(agent(llm, false, PiiRedactor.mask()));

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.steps().get(0).response().text()).isEqualTo("Let me look that up.");
        assertThat(events).filteredOn(AgentEvent.ModelCalled.class::isInstance).first()
                .satisfies(e -> assertThat(((AgentEvent.ModelCalled) e).response().text()).isEqualTo("Let me look that up."));
    }
}
