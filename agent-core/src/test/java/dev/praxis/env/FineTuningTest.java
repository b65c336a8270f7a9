package dev.praxis.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.Budget;
import dev.praxis.agent.AgentRequest;
import dev.praxis.agent.Calculator;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTuningTest {

    private final InMemoryTrajectoryStore store = new InMemoryTrajectoryStore();

    private AgentResult run(String input, ScriptedLlm.Reply... replies) {
        return LlmAgent.builder().llm(ScriptedLlm.of(replies)).tools(new Calculator())
                .systemPrompt("You add numbers.").listener(new TrajectoryRecorder(store)).build().run(input);
    }

    private AgentResult stopAfterOneStep() {
        return LlmAgent.builder().llm(ScriptedLlm.of(toolCall("add", "{\"a\":1,\"b\":1}")))
                .tools(new Calculator()).listener(new TrajectoryRecorder(store)).build()
                .run(AgentRequest.of("1+1?").withBudget(Budget.DEFAULT.withMaxSteps(1)));
    }

    @Test
    void exportsChatFormatWithToolCallsAndToolMessages() throws Exception {
        run("2+3?", toolCall("add", "{\"a\":2,\"b\":3}"), text("5"));
        var out = new StringWriter();

        FineTuning.ExportSummary summary = FineTuning.export(store.all(), t -> true, out);

        assertThat(summary.written()).isEqualTo(1);
        JsonNode messages = new ObjectMapper().readTree(out.toString()).get("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("You add numbers.");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        JsonNode call = messages.get(2).get("tool_calls").get(0);
        assertThat(messages.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.get("function").get("name").asText()).isEqualTo("add");
        assertThat(call.get("function").get("arguments").asText()).isEqualTo("{\"a\":2,\"b\":3}");
        assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo(call.get("id").asText());
        assertThat(messages.get(3).get("content").asText()).isEqualTo("5");
        assertThat(messages.get(4).get("content").asText()).isEqualTo("5");
    }

    @Test
    void roundTripsThroughImportAsDemonstrations() throws Exception {
        AgentResult first = run("2+3?", toolCall("add", "{\"a\":2,\"b\":3}"), text("The sum is 5."));
        run("7/0?", ScriptedLlm.toolCalls(ScriptedLlm.call("divide", "{\"a\":7,\"b\":0}"),
                ScriptedLlm.call("add", "{\"a\":7,\"b\":0}")), text("Cannot divide by zero; 7+0 is 7."));
        var out = new StringWriter();
        FineTuning.export(store.all(), t -> true, out);

        List<Trajectory> demos = FineTuning.importDemonstrations(new StringReader(out.toString()));

        assertThat(demos).hasSize(2);
        assertThat(demos.get(0).conversation()).isEqualTo(store.find(first.runId()).orElseThrow().conversation());
        assertThat(demos.get(1).conversation()).isEqualTo(store.all().get(1).conversation());
        assertThat(demos.get(0).origin()).isEqualTo(Trajectory.Origin.DEMONSTRATION);
        assertThat(demos.get(0).task()).isEqualTo("2+3?");
        assertThat(demos.get(0).totalReward()).isEqualTo(1.0);
        var again = new StringWriter();
        FineTuning.export(demos, t -> true, again);
        // demonstrations keep the conversation; the tools offered are not part of a trajectory read back
        var json = new ObjectMapper();
        String[] before = out.toString().split("\n");
        String[] after = again.toString().split("\n");
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.length; i++) {
            assertThat(json.readTree(after[i]).get("messages")).isEqualTo(json.readTree(before[i]).get("messages"));
        }
    }

    @Test
    void filtersByRewardAndFeedback() {
        AgentResult good = run("2+3?", text("5"));
        AgentResult disliked = run("2+2?", text("5"));
        stopAfterOneStep();
        store.feedback(good.runId(), 1.0, "correct");
        store.feedback(disliked.runId(), -1.0, "wrong");
        var out = new StringWriter();

        FineTuning.ExportSummary summary = FineTuning.export(store.all(),
                FineTuning.rewardAtLeast(1.0).and(FineTuning.noNegativeFeedback()), out);

        assertThat(summary.written()).isEqualTo(1);
        assertThat(summary.filtered()).isEqualTo(2);
        assertThat(out.toString()).contains("2+3?").doesNotContain("2+2?");
    }

    @Test
    void reportsTrajectoriesItCannotRepresentInsteadOfDroppingThem() {
        AgentResult stopped = stopAfterOneStep();

        FineTuning.ExportSummary summary = FineTuning.export(store.all(), t -> true, new StringWriter());

        assertThat(summary.written()).isZero();
        assertThat(summary.skipped()).singleElement().asString().startsWith(stopped.runId())
                .contains("does not end with an assistant answer");
    }

    @Test
    void importNamesTheBadLine() {
        String jsonl = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}\n"
                + "\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"tool\",\"tool_call_id\":\"x\",\"content\":\"1\"}]}\n";

        assertThatThrownBy(() -> FineTuning.importDemonstrations(new StringReader(jsonl)))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessageContaining("line 3").hasMessageContaining("message 2").hasMessageContaining("'x'");
        assertThatThrownBy(() -> FineTuning.importDemonstrations(new StringReader("{not json")))
                .hasMessageContaining("line 1: not valid JSON");
        assertThatThrownBy(() -> FineTuning.importDemonstrations(new StringReader(
                "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}")))
                .hasMessageContaining("unknown role 'robot'");
        assertThatThrownBy(() -> FineTuning.importDemonstrations(new StringReader(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")))
                .hasMessageContaining("at least one assistant message");
    }
}
