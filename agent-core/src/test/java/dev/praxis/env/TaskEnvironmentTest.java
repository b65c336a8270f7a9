package dev.praxis.env;

import dev.praxis.agent.Calculator;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskEnvironmentTest {

    private final TaskEnvironment env = new TaskEnvironment(List.of(
            new Task("add", "What is 2+3?", Checker.equalsTo("5")),
            new Task("capital", "Capital of France?", Checker.contains("paris"))));

    @Test
    void eachEpisodeIsOneTaskRewardedByItsChecker() {
        assertThat(env.reset(1)).isEqualTo("Capital of France?");

        Transition<String> t = env.step("It is Paris.");

        assertThat(t.reward()).isEqualTo(1.0);
        assertThat(t.terminated()).isTrue();
        assertThat(t.info()).containsEntry("task", "capital").containsEntry("passed", "true");
        assertThatThrownBy(() -> env.step("again")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void agentPolicyRecordsToolCallsOfTheRun() {
        var llm = ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5"), text("Lyon"));
        var agent = LlmAgent.builder().llm(llm).tools(new Calculator()).build();
        var rollout = Rollout.of(env, new AgentPolicy(agent));

        List<Trajectory> runs = rollout.play(0, 2);

        assertThat(runs.get(0).totalReward()).isEqualTo(1.0);
        assertThat(runs.get(0).steps().get(0).toolCalls()).extracting(c -> c.name()).containsExactly("add");
        assertThat(runs.get(0).conversation()).hasSize(4);
        assertThat(runs.get(1).totalReward()).isZero();
    }

    @Test
    void rejectsDuplicateIdsAndEmptySets() {
        Task t = new Task("a", "p", Checker.equalsTo("x"));
        assertThatThrownBy(() -> new TaskEnvironment(List.of(t, t))).hasMessageContaining("duplicate task id 'a'");
        assertThatThrownBy(() -> new TaskEnvironment(List.of())).hasMessageContaining("at least one task");
    }
}
