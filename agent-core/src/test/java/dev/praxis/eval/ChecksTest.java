package dev.praxis.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.agent.Calculator;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

class ChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Answer answer(String output) {
        var result = LlmAgent.builder().llm(ScriptedLlm.of(text(output))).build().run("q");
        return new Answer(new EvalCase("c", "q", List.of(), List.of()), result);
    }

    private static CheckResult run(Check check, String output) {
        return check.check(answer(output), Optional.empty());
    }

    @Test
    void exactContainsAndRegex() {
        assertThat(run(new Check.Exact("Paris", false), " Paris\n").passed()).isTrue();
        assertThat(run(new Check.Exact("Paris", false), "paris").passed()).isFalse();
        assertThat(run(new Check.Exact("Paris", true), "paris").passed()).isTrue();
        assertThat(run(new Check.Contains("paris", true), "It is Paris.").passed()).isTrue();
        assertThat(run(new Check.Contains("paris", false), "It is Paris.").detail()).isEqualTo("does not contain 'paris'");
        assertThat(run(Check.Regex.of("\\b\\d{4}\\b"), "in 1999").passed()).isTrue();
        assertThat(run(Check.Regex.of("^\\d+$"), "in 1999").passed()).isFalse();
    }

    @Test
    void jsonPathReadsOutputIncludingFencedBlocks() throws Exception {
        var check = new Check.JsonPath("$.order.items[1].qty", JSON.readTree("2"));

        assertThat(run(check, "{\"order\":{\"items\":[{\"qty\":1},{\"qty\":2.0}]}}").passed()).isTrue();
        assertThat(run(check, "Here:\n```json\n{\"order\":{\"items\":[{\"qty\":1},{\"qty\":2}]}}\n```").passed()).isTrue();
        assertThat(run(check, "{\"order\":{\"items\":[{\"qty\":1}]}}").detail()).isEqualTo("$.order.items[1].qty is missing, expected 2");
        assertThat(run(check, "{\"order\":{\"items\":[{\"qty\":1},{\"qty\":3}]}}").detail()).contains("is 3");
        assertThat(run(check, "not json").detail()).isEqualTo("output is not JSON");
        assertThat(run(new Check.JsonPath("$.a/b", JSON.readTree("1")), "{\"a/b\":1}")
                .passed()).isTrue();
    }

    @Test
    void toolCalledMatchesASubsetOfArguments() throws Exception {
        var result = LlmAgent.builder().llm(ScriptedLlm.of(toolCall("add", "{\"a\":2,\"b\":3}"), text("5")))
                .tools(new Calculator()).build().run("2+3?");
        var answer = new Answer(new EvalCase("c", "2+3?", List.of(), List.of()), result);

        assertThat(new Check.ToolCalled("add", JSON.readTree("{\"a\":2}")).check(answer, Optional.empty()).passed()).isTrue();
        assertThat(new Check.ToolCalled("add", JSON.readTree("{}")).check(answer, Optional.empty()).passed()).isTrue();
        assertThat(new Check.ToolCalled("add", JSON.readTree("{\"a\":3}")).check(answer, Optional.empty()).detail())
                .isEqualTo("add was called 1 time(s), never with {\"a\":3}");
        assertThat(new Check.ToolCalled("divide", JSON.readTree("{}")).check(answer, Optional.empty()).detail())
                .isEqualTo("divide was not called");
    }

    @Test
    void judgeWithoutModelFailsWithReason() {
        assertThat(run(new Check.Judge("be nice", 0.5), "hi").detail()).contains("no judge model configured");
    }
}
