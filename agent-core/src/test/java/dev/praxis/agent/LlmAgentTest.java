package dev.praxis.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.praxis.llm.LlmException;
import dev.praxis.memory.MemoryScope;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.failure;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmAgentTest {

    private static LlmAgent agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).tools(new Calculator()).build();
    }

    private static String lastMessageText(ScriptedLlm llm, int request) {
        List<ChatMessage> messages = llm.requests().get(request).messages();
        ChatMessage last = messages.get(messages.size() - 1);
        return last instanceof ToolExecutionResultMessage r ? r.text() : last.toString();
    }

    @Test
    void returnsAnswerWhenModelCallsNoTools() {
        var llm = ScriptedLlm.of(text("Paris"));

        AgentResult result = agent(llm).run("Capital of France?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("Paris");
        assertThat(result.steps()).hasSize(1);
        assertThat(llm.requests().get(0).messages()).containsExactly(UserMessage.from("Capital of France?"));
        assertThat(llm.requests().get(0).toolSpecifications()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("add", "divide");
    }

    @Test
    void feedsToolResultBackToModelThenAnswers() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));

        AgentResult result = agent(llm).run("2+3?");

        assertThat(result.output()).isEqualTo("5");
        assertThat(llm.requests()).hasSize(2);
        assertThat(lastMessageText(llm, 1)).isEqualTo("5");
        Step first = result.steps().get(0);
        assertThat(first.calls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("add"));
        assertThat(first.results()).containsExactly(ToolResult.ok("5"));
    }

    @Test
    void runsSeveralToolCallsOfOneStepAndAnswersThemInOrder() {
        var llm = ScriptedLlm.of(
                toolCalls(call("add", "{\"a\":1,\"b\":1}"), call("add", "{\"a\":2,\"b\":2}"), call("divide", "{\"a\":9,\"b\":3}")),
                text("2, 4 and 3"));

        AgentResult result = agent(llm).run("three sums");

        assertThat(result.steps().get(0).results()).extracting(ToolResult::text).containsExactly("2", "4", "3");
        List<ChatMessage> second = llm.requests().get(1).messages();
        assertThat(second).hasSize(5);
        assertThat(second.subList(2, 5)).extracting(m -> ((ToolExecutionResultMessage) m).id())
                .containsExactly("call_1", "call_2", "call_3");
    }

    @Test
    void tellsModelAboutUnknownToolAndLetsItRecover() {
        var llm = ScriptedLlm.of(toolCall("multiply", "{\"a\":2,\"b\":3}"), toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));

        AgentResult result = agent(llm).run("2+3?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(lastMessageText(llm, 1)).contains("unknown tool 'multiply'").contains("add", "divide");
        assertThat(result.steps().get(0).results().get(0)).isInstanceOf(ToolResult.Failed.class);
    }

    @Test
    void reportsMalformedArgumentsThenRecoversWhenModelFixesThem() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,"), toolCall("add", "{\"a\":\"two\",\"b\":3}"),
                toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));

        AgentResult result = agent(llm).run("2+3?");

        assertThat(result.output()).isEqualTo("5");
        assertThat(lastMessageText(llm, 1)).startsWith("Error: invalid arguments for tool 'add': arguments are not valid JSON");
        assertThat(lastMessageText(llm, 2)).contains("field `a`: string found, integer expected");
        assertThat(lastMessageText(llm, 3)).isEqualTo("5");
    }

    @Test
    void turnsExceptionInToolIntoFailedResultTheModelSees() {
        var llm = ScriptedLlm.of(toolCall("divide", "{\"a\":1,\"b\":0}"), text("cannot divide by zero"));

        AgentResult result = agent(llm).run("1/0?");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(lastMessageText(llm, 1)).isEqualTo("Error: tool 'divide' failed: ArithmeticException: / by zero");
    }

    @Test
    void stopsWhenStepBudgetIsExhaustedAndKeepsTheStepsReached() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}"), toolCall("add", "{\"a\":2,\"b\":2}"));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).budget(Budget.DEFAULT.withMaxSteps(2))
                .finalAnswer(false).build();

        AgentResult result = agent.run("loop forever");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("step budget exhausted: 2 of 2 steps used");
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).results()).containsExactly(ToolResult.ok("4"));
        assertThat(llm.remaining()).isZero();
    }

    @Test
    void stopsWhenTokenBudgetIsExhaustedWithoutRunningRequestedTools() {
        var executed = new CopyOnWriteArrayList<String>();
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}").withUsage(80, 10),
                toolCall("add", "{\"a\":2,\"b\":2}").withUsage(100, 10));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator())
                .listener(e -> { if (e instanceof AgentEvent.ToolStarted s) executed.add(s.call().arguments()); })
                .budget(Budget.DEFAULT.withMaxTokens(150)).build();

        AgentResult result = agent.run("spend");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("token budget exhausted: 200 of 150 tokens used");
        assertThat(result.usage()).isEqualTo(new Usage(180, 20));
        assertThat(executed).containsExactly("{\"a\":1,\"b\":1}");
        assertThat(result.steps()).hasSize(2);
        assertThat(result.steps().get(1).results()).isEmpty();
    }

    @Test
    void stopsWhenTimeBudgetIsExhausted() {
        var clock = new MutableClock();
        var slow = ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}"));
        var agent = LlmAgent.builder().clock(clock).tools(new Calculator())
                .llm(request -> { clock.advance(Duration.ofSeconds(31)); return slow.chat(request); })
                .budget(Budget.DEFAULT.withMaxTime(Duration.ofSeconds(30))).build();

        AgentResult result = agent.run("slow");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("time budget exhausted: 31000 ms of 30000 ms elapsed during the model"
                + " call at step 1; its answer came too late to be used");
        assertThat(result.steps()).hasSize(1);
    }

    @Test
    void requestBudgetOverridesAgentDefault() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}"));

        AgentResult result = agent(llm).run(AgentRequest.of("x").withBudget(Budget.DEFAULT.withMaxSteps(1)));

        assertThat(result.reason()).isEqualTo("step budget exhausted: 1 of 1 steps used");
    }

    @Test
    void emitsEventsInOrder() {
        var events = new CopyOnWriteArrayList<AgentEvent>();
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
        var agent = LlmAgent.builder().name("calc").llm(llm).tools(new Calculator()).listener(events::add).build();

        AgentResult result = agent.run("2+3?");

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "RunStarted", "Perceived", "ModelCalled", "ToolStarted", "ToolFinished",
                "Perceived", "ModelCalled", "Completed");
        assertThat(events).allSatisfy(e -> assertThat(e.runId()).isEqualTo(result.runId()));
        assertThat(((AgentEvent.RunStarted) events.get(0)).agent()).isEqualTo("calc");
        assertThat(((AgentEvent.ToolFinished) events.get(4)).result()).isEqualTo(ToolResult.ok("5"));
        assertThat(((AgentEvent.Completed) events.get(7)).result()).isSameAs(result);
    }

    @Test
    void keepsContextAcrossRunsOfOneSession() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"), text("10"));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).systemPrompt("Be brief.").build();
        var session = MemoryScope.of("alice", "s1");

        agent.run(AgentRequest.of("2+3?").inSession(session));
        agent.run(AgentRequest.of("and doubled?").inSession(session));

        List<ChatMessage> third = llm.requests().get(2).messages();
        assertThat(third).hasSize(6);
        assertThat(third.get(0)).isEqualTo(SystemMessage.from("Be brief."));
        assertThat(third.get(1)).isEqualTo(UserMessage.from("2+3?"));
        assertThat(third.get(2)).isInstanceOf(AiMessage.class);
        assertThat(third.get(3)).isInstanceOf(ToolExecutionResultMessage.class);
        assertThat(third.get(4)).isEqualTo(AiMessage.from("5"));
        assertThat(third.get(5)).isEqualTo(UserMessage.from("and doubled?"));
    }

    @Test
    void sessionsNeverSeeEachOthersMessages() {
        var memory = MessageWindowMemory.of(50);
        var llm = ScriptedLlm.of(text("hi alice"), text("hi bob"), text("again alice"));
        var agent = LlmAgent.builder().llm(llm).memory(memory).build();
        var alice = MemoryScope.of("alice", "s");
        var bob = MemoryScope.of("bob", "s");

        agent.run(AgentRequest.of("I am alice").inSession(alice));
        agent.run(AgentRequest.of("I am bob").inSession(bob));
        agent.run(AgentRequest.of("who am I?").inSession(alice));

        assertThat(llm.requests().get(1).messages()).containsExactly(UserMessage.from("I am bob"));
        assertThat(llm.requests().get(2).messages().toString()).contains("I am alice").doesNotContain("bob");
        assertThat(memory.messages(bob)).containsExactly(UserMessage.from("I am bob"), AiMessage.from("hi bob"));
    }

    @Test
    void statelessRunsShareNothing() {
        var llm = ScriptedLlm.of(text("one"), text("two"));
        var agent = agent(llm);

        agent.run("first");
        agent.run("second");

        assertThat(llm.requests().get(1).messages()).containsExactly(UserMessage.from("second"));
    }

    @Test
    void endsFailedWithReasonWhenModelCallFails() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"),
                failure(new LlmException("HTTP 401: invalid api key")));

        AgentResult result = agent(llm).run("2+3?");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).isEqualTo("model call failed at step 2: LlmException: HTTP 401: invalid api key");
        assertThat(result.steps()).hasSize(1);
    }

    @Test
    void endsFailedNamingTheProblemWhenListenerThrows() {
        var llm = ScriptedLlm.of(text("ok"));
        var agent = LlmAgent.builder().llm(llm).listener(e -> {
            if (e instanceof AgentEvent.ModelCalled) {
                throw new IllegalStateException("listener bug");
            }
        }).build();

        AgentResult result = agent.run("x");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("IllegalStateException: listener bug");
    }

    @Test
    void endsCancelledWhenThreadIsInterrupted() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("never"));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator())
                .listener(e -> { if (e instanceof AgentEvent.ToolFinished) Thread.currentThread().interrupt(); })
                .build();

        AgentResult result = agent.run("x");
        boolean interrupted = Thread.interrupted();

        assertThat(interrupted).isTrue();
        assertThat(result.status()).isEqualTo(Status.CANCELLED);
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void unscriptedCallFailsTheRunNamingTheCall() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"));

        AgentResult result = agent(llm).run("2+3?");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.reason()).contains("AssertionError").contains("call #2 was not scripted");
    }

    @Test
    void buildingWithoutModelNamesTheMissingPart() {
        assertThatThrownBy(() -> LlmAgent.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("llm(");
    }
}
