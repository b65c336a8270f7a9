package dev.praxis.env;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.Calculator;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrajectoryRecorderTest {

    private final InMemoryTrajectoryStore store = new InMemoryTrajectoryStore();

    private LlmAgent agent(ScriptedLlm llm) {
        return LlmAgent.builder().llm(llm).tools(new Calculator()).listener(new TrajectoryRecorder(store)).build();
    }

    @Test
    void recordsEveryRunWithStepsToolCallsRewardAndTimings() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}").withUsage(10, 5), text("5").withUsage(20, 2));

        AgentResult result = agent(llm).run("2+3?");

        Trajectory t = store.find(result.runId()).orElseThrow();
        assertThat(t.task()).isEqualTo("2+3?");
        assertThat(t.origin()).isEqualTo(Trajectory.Origin.AGENT_RUN);
        assertThat(t.steps()).hasSize(2);
        assertThat(t.steps().get(0).toolCalls()).extracting(c -> c.arguments()).containsExactly("{\"a\":2,\"b\":3}");
        assertThat(t.steps().get(1).observation()).isEqualTo("5");
        assertThat(t.steps().get(1).action()).isEqualTo("5");
        assertThat(t.steps().get(1).reward()).isEqualTo(1.0);
        assertThat(t.steps().get(0).usage().totalTokens()).isEqualTo(15);
        assertThat(t.duration().isNegative()).isFalse();
    }

    @Test
    void runsThatStopEarnNoReward() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}"));

        AgentResult result = agent(llm).run(dev.praxis.agent.AgentRequest.of("loop").withBudget(Budget.DEFAULT.withMaxSteps(1)));

        assertThat(store.find(result.runId()).orElseThrow().totalReward()).isZero();
    }

    @Test
    void feedbackIsStoredWithTheRun() {
        AgentResult result = agent(ScriptedLlm.of(text("Paris"))).run("Capital of France?");

        store.feedback(result.runId(), 1.0, "right");
        store.feedback(result.runId(), 0.0, "too terse");

        Trajectory t = store.find(result.runId()).orElseThrow();
        assertThat(t.feedback()).extracting(Feedback::comment).containsExactly("right", "too terse");
        assertThat(t.feedbackScore()).hasValue(0.5);
    }

    @Test
    void feedbackOnUnknownRunOrOutOfRangeIsRejected() {
        AgentResult result = agent(ScriptedLlm.of(text("ok"))).run("hi");

        assertThatThrownBy(() -> store.feedback("nope", 1, "")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> store.feedback(result.runId(), 2, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[-1, 1]");
    }
}
