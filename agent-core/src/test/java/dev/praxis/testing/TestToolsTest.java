package dev.praxis.testing;

import dev.praxis.agent.LlmAgent;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;

import static dev.praxis.testing.ScriptedLlm.call;
import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestToolsTest {

    @Test
    void aToolInOneLineRunsInAnAgentAndRecordsItsCalls() {
        var lookup = TestTools.named("lookup").stringParameter("word").returns("found");
        var broken = TestTools.named("broken").fails("backend down");
        var llm = ScriptedLlm.of(toolCalls(call("lookup", "{\"word\":\"praxis\"}"), call("broken", "{}")), text("ok"));

        LlmAgent.builder().llm(llm).tools(lookup, broken).build().run("look it up");

        assertThat(lookup.calls()).containsExactly("{\"word\":\"praxis\"}");
        assertThat(broken.calls()).containsExactly("{}");
        assertThat(llm.requests().get(1).messages().toString()).contains("found", "backend down");
    }

    @Test
    void aToolBodyCanSeeTheCallsContext() {
        var contexts = new java.util.concurrent.CopyOnWriteArrayList<ToolContext>();
        var probe = TestTools.named("probe").answers((args, context) -> {
            contexts.add(context);
            return "run " + context.runId();
        });
        var llm = ScriptedLlm.of(toolCalls(call("probe", "{}")), text("ok"));

        var result = LlmAgent.builder().llm(llm).tools(probe).build().run("probe it");

        assertThat(contexts).singleElement().satisfies(c -> assertThat(c.runId()).isEqualTo(result.runId()));
        assertThat(probe.calls()).containsExactly("{}");
        assertThat(llm.requests().get(1).messages().toString()).contains("run " + result.runId());
    }

    @Test
    void defaultsToAReadOnlyToolWithoutParameters() {
        var tool = TestTools.named("now").returns("noon");

        assertThat(tool.sideEffect()).isEqualTo(SideEffect.READ_ONLY);
        assertThat(tool.spec().description()).isEqualTo("test tool now");
        assertThat(tool.spec().parameters().properties()).isEmpty();
    }

    @Test
    void parametersAreRequiredAndValidated() {
        var pay = TestTools.named("pay").sideEffect(SideEffect.EXTERNAL).description("Pays an invoice")
                .stringParameter("invoice").integerParameter("amount").answers(args -> "paid " + args);

        ToolResult missing = Toolbox.of(pay).execute(new ToolCall("1", "pay", "{\"invoice\":\"42\"}"), ToolContext.NONE);
        ToolResult paid = Toolbox.of(pay)
                .execute(new ToolCall("2", "pay", "{\"invoice\":\"42\",\"amount\":5}"), ToolContext.NONE);

        assertThat(pay.spec().parameters().required()).containsExactly("invoice", "amount");
        assertThat(pay.spec().description()).isEqualTo("Pays an invoice");
        assertThat(missing).isInstanceOfSatisfying(ToolResult.Failed.class,
                failed -> assertThat(failed.error()).contains("amount"));
        assertThat(paid).isEqualTo(ToolResult.ok("paid {\"invoice\":\"42\",\"amount\":5}"));
        assertThat(pay.calls()).containsExactly("{\"invoice\":\"42\",\"amount\":5}");
    }

    @Test
    void aBuilderIsImmutableSoItCanBeShared() {
        TestTools base = TestTools.named("echo");

        var quiet = base.returns("...");
        var loud = base.sideEffect(SideEffect.WRITE).stringParameter("text").returns("ECHO");

        assertThat(quiet.sideEffect()).isEqualTo(SideEffect.READ_ONLY);
        assertThat(quiet.spec().parameters().properties()).isEmpty();
        assertThat(loud.sideEffect()).isEqualTo(SideEffect.WRITE);
    }

    @Test
    void refusesANamelessTool() {
        assertThatThrownBy(() -> TestTools.named(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }
}
