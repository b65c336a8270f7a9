package dev.praxis.agent;

import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.ApprovalPolicy;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A run takes shortcuts when a feature is not configured (no listener, no approver, no durable
 * store, no repeated call): each test here goes through a shortcut and through the full path
 * next to it, and checks that what a user sees is the same.
 */
class UnconfiguredFeaturesTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTools() {
        release.countDown();
    }

    /** A tool that logs, reports progress, then asks its caller's user whether to go on. */
    private static Tool talkative() {
        return TestTools.named("survey").answers((arguments, context) -> {
            context.caller().log(ToolCaller.Level.INFO, "reading the plan");
            context.caller().progress(1, 2, "half way");
            ToolCaller.Elicitation answer = context.caller().elicit("Survey the north wing too?",
                    Map.of("type", "object", "properties", Map.of("northWing", Map.of("type", "boolean",
                            "default", true))));
            return "surveyed; " + answer;
        });
    }

    @Test
    void aToolsQuestionFailsTheCallWhenNobodyListensOrApproves() {
        AgentResult quiet = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("survey", "{}"), text("done")))
                .tools(talkative()).build().run("survey");
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        AgentResult heard = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("survey", "{}"), text("done")))
                .tools(talkative()).listener(events::add).build().run("survey");

        for (AgentResult result : List.of(quiet, heard)) {
            ToolResult survey = result.steps().get(0).results().get(0);
            assertThat(survey).isInstanceOf(ToolResult.Failed.class);
            assertThat(survey.text()).contains("nobody is configured to answer (no approval handler)")
                    .contains("Survey the north wing too?");
            assertThat(result.status()).isEqualTo(Status.COMPLETED);
        }
        assertThat(events).filteredOn(AgentEvent.ToolLog.class::isInstance).singleElement().satisfies(e -> {
            AgentEvent.ToolLog log = (AgentEvent.ToolLog) e;
            assertThat(log.call().name()).isEqualTo("survey");
            assertThat(log.step()).isEqualTo(1);
            assertThat(log.message()).isEqualTo("reading the plan");
        });
        assertThat(events).filteredOn(AgentEvent.ToolProgress.class::isInstance).singleElement()
                .extracting(e -> ((AgentEvent.ToolProgress) e).message()).isEqualTo("half way");
        assertThat(events.get(0)).isInstanceOf(AgentEvent.RunStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(AgentEvent.Completed.class);
    }

    @Test
    void anApproverWithoutAListenerStillGetsTheToolsQuestion() {
        List<String> asked = new CopyOnWriteArrayList<>();
        ApprovalDecision allow = ApprovalDecision.allow();
        Toolbox toolbox = Toolbox.of(talkative()).withApproval(ApprovalPolicy.bySideEffect(allow, allow, allow),
                (request, question) -> {
                    asked.add(request.call().name() + ": " + question);
                    return ApprovalDecision.allow();
                });

        AgentResult result = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("survey", "{}"), text("done")))
                .toolbox(toolbox).build().run("survey");

        assertThat(asked).containsExactly("survey: The tool survey asks: Survey the north wing too?");
        assertThat(result.steps().get(0).results().get(0).text())
                .isEqualTo("surveyed; Accepted[content={northWing=true}]");
    }

    @Test
    void aStepOfTwoCallsTimesEachAndAbandonsOnlyTheOneStillRunning() {
        Duration budget = Duration.ofSeconds(2);
        MutableClock clock = new MutableClock();
        Tool quick = TestTools.named("quick").returns("quick done");
        Tool stuck = TestTools.named("stuck").answers((arguments, context) -> {
            clock.advance(budget); // the run's clock: its whole budget has passed once this call runs
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "stuck done";
        });
        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of(toolCalls(call("quick", "{}"), call("stuck", "{}")),
                        text("never asked"))).tools(quick, stuck).listener(events::add).clock(clock)
                .budget(Budget.DEFAULT.withMaxTime(budget)).build();

        AgentResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> agent.run("both"));

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).contains("while tool 'stuck' ran; abandoned at the run's deadline")
                .doesNotContain("'quick'");
        assertThat(events).filteredOn(AgentEvent.ToolAbandoned.class::isInstance)
                .extracting(e -> ((AgentEvent.ToolAbandoned) e).call().name()).containsExactly("stuck");
        assertThat(events).filteredOn(AgentEvent.ToolFinished.class::isInstance)
                .extracting(e -> ((AgentEvent.ToolFinished) e).call().name()).containsExactly("quick", "stuck");
        AgentEvent.ToolFinished stuckFinished = events.stream().filter(AgentEvent.ToolFinished.class::isInstance)
                .map(AgentEvent.ToolFinished.class::cast).filter(e -> e.call().name().equals("stuck")).findFirst()
                .orElseThrow();
        assertThat(stuckFinished.duration()).as("an abandoned call ran until it was given up")
                .isGreaterThan(Duration.ZERO);
        assertThat(result.steps().get(0).results().get(0).text()).isEqualTo("quick done");
    }

    @Test
    void aStepMixingARefusedRepeatAndANewCallRunsOnlyTheNewOneInPlace() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Tool debit = TestTools.named("debit").answers((arguments, context) -> {
            ran.add("debit " + arguments);
            return "debited";
        });
        Tool credit = TestTools.named("credit").answers((arguments, context) -> {
            ran.add("credit " + arguments);
            return "credited";
        });
        var llm = ScriptedLlm.of(toolCall("debit", "{\"a\":1}"),
                toolCalls(call("debit", "{\"a\":1}"), call("credit", "{\"a\":1}")), text("done"));

        AgentResult result = LlmAgent.builder().llm(llm).tools(debit, credit).maxRepeatedCalls(2).build()
                .run("pay");

        assertThat(ran).containsExactly("debit {\"a\":1}", "credit {\"a\":1}");
        List<ToolResult> second = result.steps().get(1).results();
        assertThat(second).hasSize(2);
        assertThat(second.get(0)).isInstanceOf(ToolResult.Failed.class);
        assertThat(second.get(0).text()).contains("not run: you already called 'debit'");
        assertThat(second.get(1).text()).isEqualTo("credited");
        assertThat(result.status()).isEqualTo(Status.COMPLETED);
    }

    @Test
    void usageAddsUpFromNothingToTheSameValue() {
        Usage spent = new Usage(3, 4, new BigDecimal("0.0012"));

        assertThat(Usage.ZERO.plus(spent)).isEqualTo(spent);
        assertThat(Usage.ZERO.plus(spent).plus(spent)).isEqualTo(new Usage(6, 8, new BigDecimal("0.0024")));
        assertThat(new Usage(0, 0, new BigDecimal("0.00")).plus(new Usage(1, 1, new BigDecimal("5"))))
                .as("the cost keeps the scale a sum has").isEqualTo(new Usage(1, 1, new BigDecimal("5.00")));
        assertThat(spent.plus(Usage.ZERO)).isSameAs(spent);
    }
}
