package dev.praxis.team;

import dev.praxis.agent.Agent;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.Delegation;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.praxis.team.Scripts.lastToolResult;
import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

class DelegationDepthTest {

    /** A model that delegates to {@code tool} on every call, as a model caught in a loop does. */
    private static LlmClient alwaysCalling(String tool, AtomicInteger calls) {
        return request -> {
            calls.incrementAndGet();
            return toolCall(tool, "{\"task\":\"again\"}").reply(request);
        };
    }

    @Test
    void selfRecursiveAgentAsToolStopsAtTheLimitAndTheWholeTreeEnds() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Agent> self = new AtomicReference<>();
        Agent lazy = request -> self.get().run(request);   // bound after build: the cycle no builder can see
        LlmAgent echo = LlmAgent.builder().name("echo").llm(alwaysCalling("echo", calls))
                .tools(AgentTool.of(Member.of("echo", "Asks itself", lazy))).build();
        self.set(echo);

        AgentResult result = echo.run("go");

        String chain = String.join(" -> ", Collections.nCopies(8, "echo"));
        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("delegation depth limit of 8 reached: " + chain
                + "; 'echo' was not started. Answer with what you have instead of delegating further.");
        assertThat(calls).as("one model call per level, no retries after the refusal").hasValue(8);
        ToolResult.Failed seenByRoot = (ToolResult.Failed) result.steps().get(0).results().get(0);
        assertThat(seenByRoot.error()).contains("agent 'echo' ended BUDGET_EXHAUSTED", "delegation depth limit of 8");
        assertThat(seenByRoot.retriable()).isFalse();
    }

    @Test
    void theDeepestCallIsRefusedWithAFailureNamingTheChain() {
        AtomicReference<Agent> self = new AtomicReference<>();
        List<ToolResult> results = Collections.synchronizedList(new ArrayList<>());
        LlmAgent echo = LlmAgent.builder().name("echo").llm(alwaysCalling("echo", new AtomicInteger()))
                .maxDelegationDepth(3)
                .listener(event -> {
                    if (event instanceof AgentEvent.ToolFinished finished) {
                        results.add(finished.result());
                    }
                })
                .tools(AgentTool.of(Member.of("echo", "Asks itself", request -> self.get().run(request)))).build();
        self.set(echo);

        echo.run("go");

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isEqualTo(new ToolResult.Failed("delegation depth limit of 3 reached: echo -> echo"
                + " -> echo; 'echo' was not started. Answer with what you have instead of delegating further.", false));
    }

    @Test
    void aLegitimatelyDeepChainUnderTheLimitCompletes() {
        AgentResult result = chainOf(8, 8).run("go");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(result.output()).isEqualTo("a1(a2(a3(a4(a5(a6(a7(bottom)))))))");
    }

    @Test
    void theTightestLimitAlongTheChainApplies() {
        List<ScriptedLlm> models = new ArrayList<>();
        AgentResult result = chainOf(8, 5, models).run("go");

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).startsWith("delegation depth limit of 5 reached: a1 -> a2 -> a3 -> a4 -> a5; 'a6'");
        assertThat(models.get(5).requests()).as("a6 never ran").isEmpty();
    }

    @Test
    void parallelToolCallsEachSeeTheirOwnChain() {
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        CountDownLatch bothRunning = new CountDownLatch(2);
        LlmAgent left = LlmAgent.builder().name("left").tools(probe("left", seen, bothRunning))
                .llm(ScriptedLlm.of(toolCall("probe_left", "{}"), text("left done"))).build();
        LlmAgent deep = LlmAgent.builder().name("deep").tools(probe("deep", seen, null))
                .llm(ScriptedLlm.of(toolCall("probe_deep", "{}"), text("deep done"))).build();
        LlmAgent right = LlmAgent.builder().name("right")
                .tools(probe("right", seen, bothRunning), AgentTool.of(Member.of("deep", deep)))
                .llm(ScriptedLlm.of(toolCalls(call("probe_right", "{}"), call("deep", "{\"task\":\"t\"}")),
                        text("right done"))).build();
        LlmAgent lead = LlmAgent.builder().name("lead")
                .tools(AgentTool.of(Member.of("left", left)), AgentTool.of(Member.of("right", right)))
                .llm(ScriptedLlm.of(toolCalls(call("left", "{\"task\":\"l\"}"), call("right", "{\"task\":\"r\"}")),
                        text("all done"))).build();

        AgentResult result = lead.run("go");

        assertThat(result.status()).isEqualTo(Status.COMPLETED);
        assertThat(bothRunning.getCount()).as("left and right ran at the same time").isZero();
        assertThat(seen).containsEntry("left", List.of("lead", "left"))
                .containsEntry("right", List.of("lead", "right"))
                .containsEntry("deep", List.of("lead", "right", "deep"));
    }

    @Test
    void aSupervisorThatDelegatesToItselfStops() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Team> self = new AtomicReference<>();
        Team desk = Supervisor.builder("desk").llm(alwaysCalling("desk_again", calls))
                .members(Member.of("desk_again", "The same desk", request -> self.get().run(request))).build();
        self.set(desk);

        AgentResult result = desk.run(AgentRequest.of("go").delegatedBy(Delegation.limitedTo(4)));

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).contains("delegation depth limit of 4 reached: desk -> desk -> desk -> desk;");
        assertThat(calls).hasValue(4);
    }

    @Test
    void aRequestStartedTooDeepEndsBeforeAnyModelCall() {
        ScriptedLlm model = ScriptedLlm.of();
        LlmAgent agent = LlmAgent.builder().name("late").llm(model).maxDelegationDepth(2).build();

        AgentResult result = agent.run(AgentRequest.of("go").delegatedBy(Delegation.of(List.of("a", "b"), 8)));

        assertThat(result.status()).isEqualTo(Status.BUDGET_EXHAUSTED);
        assertThat(result.reason()).isEqualTo("delegation depth limit of 2 exceeded: a -> b -> late; 'late' was started"
                + " too deep");
        assertThat(model.requests()).isEmpty();
    }

    /** Agents a1..an, each delegating to the next; a1 has the limit {@code rootLimit}. */
    private static LlmAgent chainOf(int n, int rootLimit) {
        return chainOf(n, rootLimit, new ArrayList<>());
    }

    private static LlmAgent chainOf(int n, int rootLimit, List<ScriptedLlm> models) {
        LlmAgent next = null;
        List<ScriptedLlm> built = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            String name = "a" + i;
            ScriptedLlm model = next == null ? ScriptedLlm.of(text("bottom"))
                    : ScriptedLlm.of(toolCall("a" + (i + 1), "{\"task\":\"t\"}"),
                            request -> text(name + "(" + lastToolResult(request) + ")").reply(request));
            LlmAgent.Builder builder = LlmAgent.builder().name(name).llm(model)
                    .maxDelegationDepth(i == 1 ? rootLimit : Delegation.DEFAULT_MAX_DEPTH);
            next = next == null ? builder.build() : builder.tools(AgentTool.of(Member.of("a" + (i + 1), next))).build();
            built.add(0, model);
        }
        models.addAll(built);
        return next;
    }

    /** A tool that records the delegation chain it was called with, optionally waiting for a sibling. */
    private static Tool probe(String name, Map<String, List<String>> seen, CountDownLatch together) {
        return TestTools.named("probe_" + name).description("records its chain").answers((args, context) -> {
            seen.put(name, context.delegation().chain());
            if (together != null) {
                together.countDown();
                try {
                    together.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "ok";
        });
    }
}
