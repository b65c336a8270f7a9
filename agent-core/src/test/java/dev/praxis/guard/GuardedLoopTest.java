package dev.praxis.guard;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The loop's three guard points, driven through a scripted model. */
class GuardedLoopTest {

    private static final Tool LOOKUP = Tools.of("lookup", "Looks up a customer", JsonObjectSchema.builder().build(),
            SideEffect.READ_ONLY, args -> "Customer: Jane, jane@example.com, card 4111 1111 1111 1111");

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    private LlmAgent.Builder agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).tools(LOOKUP).listener(events::add);
    }

    private static String lastText(ScriptedLlm llm, int request) {
        List<ChatMessage> messages = llm.requests().get(request).messages();
        ChatMessage last = messages.get(messages.size() - 1);
        return last instanceof ToolExecutionResultMessage r ? r.text() : ((UserMessage) last).singleText();
    }

    @Test
    void redactedInputIsWhatModelMemoryAndEventsSee() {
        var llm = ScriptedLlm.of(text("noted"));
        var memory = MessageWindowMemory.of(10);
        MemoryScope scope = MemoryScope.session("s1");

        agent(llm).memory(memory).guardrails(PiiRedactor.mask()).build()
                .run(AgentRequest.of("I am jane@example.com").inSession(scope));

        assertThat(lastText(llm, 0)).isEqualTo("I am [EMAIL]");
        assertThat(memory.messages(scope).toString()).doesNotContain("jane@");
        assertThat(events.get(0)).isInstanceOfSatisfying(AgentEvent.RunStarted.class,
                e -> assertThat(e.input()).isEqualTo("I am [EMAIL]"));
    }

    @Test
    void trippedInputNeverReachesModelMemoryOrEvents() {
        var llm = ScriptedLlm.of();
        var memory = MessageWindowMemory.of(10);
        MemoryScope scope = MemoryScope.session("s1");
        Guardrail noSecretsProject = (text, ctx) -> text.contains("Project X")
                ? GuardDecision.trip("mentions a restricted project") : GuardDecision.pass();

        AgentResult result = agent(llm).memory(memory).guardrails(noSecretsProject).build()
                .run(AgentRequest.of("tell me about Project X").inSession(scope));

        assertThat(result.status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(result.reason()).isEqualTo("input: mentions a restricted project");
        assertThat(llm.requests()).isEmpty();
        assertThat(memory.messages(scope)).isEmpty();
        assertThat(events).hasSize(2).noneMatch(e -> e.toString().contains("Project X"));
    }

    @Test
    void failingInputGuardrailFailsClosed() {
        var llm = ScriptedLlm.of();
        Guardrail broken = (text, ctx) -> {
            throw new IllegalStateException("classifier offline");
        };

        AgentResult result = agent(llm).guardrails(broken).build().run("hello");

        assertThat(result.status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(result.reason()).contains("IllegalStateException");
        assertThat(llm.requests()).isEmpty();
    }

    @Test
    void toolOutputIsRedactedBeforeTheModelReadsIt() {
        var llm = ScriptedLlm.of(toolCall("lookup", "{}"), text("found her"));

        AgentResult result = agent(llm).guardrails(PiiRedactor.mask().at(GuardPoint.TOOL_OUTPUT)).build()
                .run("find Jane");

        assertThat(lastText(llm, 1)).isEqualTo("Customer: Jane, [EMAIL], card [PAYMENT_CARD]");
        assertThat(result.steps().get(0).results()).containsExactly(
                ToolResult.ok("Customer: Jane, [EMAIL], card [PAYMENT_CARD]"));
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void trippedToolOutputEndsTheRunWithoutAnotherModelCall() {
        var llm = ScriptedLlm.of(toolCall("lookup", "{}"));
        Guardrail noCards = (text, ctx) -> ctx.point() == GuardPoint.TOOL_OUTPUT && text.contains("card")
                ? GuardDecision.trip("card data in tool output") : GuardDecision.pass();

        AgentResult result = agent(llm).guardrails(noCards).build().run("find Jane");

        assertThat(result.status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(result.reason()).isEqualTo("tool 'lookup': card data in tool output");
        assertThat(result.steps().get(0).results().get(0)).isInstanceOf(ToolResult.Denied.class);
        assertThat(llm.remaining()).isZero();
    }

    @Test
    void rewrittenAnswerIsTheOutputAndWhatMemoryKeeps() {
        var llm = ScriptedLlm.of(text("Her SSN is 123-45-6789."));
        var memory = MessageWindowMemory.of(10);
        MemoryScope scope = MemoryScope.session("s1");

        AgentResult result = agent(llm).memory(memory).guardrails(PiiRedactor.mask().at(GuardPoint.OUTPUT)).build()
                .run(AgentRequest.of("ssn?").inSession(scope));

        assertThat(result.output()).isEqualTo("Her SSN is [US_SSN].");
        assertThat(memory.messages(scope).toString()).doesNotContain("6789");
    }

    @Test
    void trippedAnswerIsWithheldFromOutputAndMemory() {
        var llm = ScriptedLlm.of(text("x".repeat(50)));
        var memory = MessageWindowMemory.of(10);
        MemoryScope scope = MemoryScope.session("s1");

        AgentResult result = agent(llm).memory(memory).guardrails(Limits.DEFAULT.withMaxOutputChars(20)).build()
                .run(AgentRequest.of("talk").inSession(scope));

        assertThat(result.status()).isEqualTo(Status.GUARDRAIL_TRIPPED);
        assertThat(result.reason()).isEqualTo("output: answer has 50 characters; the limit is 20");
        assertThat(result.output()).isEmpty();
        assertThat(memory.messages(scope)).hasSize(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(AgentEvent.Stopped.class);
    }

    @Test
    void guardrailsRunInOrderAndAreToldWhenEachRunEnds() {
        var llm = ScriptedLlm.of(text("a"), text("b"));
        List<String> ended = new CopyOnWriteArrayList<>();
        Guardrail recorder = new Guardrail() {
            @Override
            public GuardDecision check(String text, GuardContext context) {
                return GuardDecision.pass();
            }

            @Override
            public void ended(String runId) {
                ended.add(runId);
            }
        };
        LlmAgent agent = agent(llm).guardrails(SecretMasker.defaults(), recorder).build();

        AgentResult first = agent.run("password=hunter22");
        AgentResult second = agent.run("hi");

        assertThat(lastText(llm, 0)).isEqualTo("password=[SECRET]");
        assertThat(ended).containsExactly(first.runId(), second.runId());
    }
}
