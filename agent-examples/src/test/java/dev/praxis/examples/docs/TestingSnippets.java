package dev.praxis.examples.docs;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.testing.TestTools;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The code of docs/testing.md: a user's tool, memory and model client tested three ways. */
@ExtendWith(MockitoExtension.class)
class TestingSnippets {

    @Mock
    WeatherTool.Forecasts forecasts;

    @Test
    void scriptedModelDrivesTheAgentThroughTheTool() {
        when(forecasts.today("Paris")).thenReturn("rainy, 14 C");
        // tag::scripted[]
        var llm = ScriptedLlm.of(toolCall("weather", "{\"city\": \"Paris\"}"), text("Take an umbrella."));
        AgentResult result = LlmAgent.builder().llm(llm).tools(new WeatherTool(forecasts)).build()
                .run("Do I need an umbrella in Paris?");

        assertThat(result.output()).isEqualTo("Take an umbrella.");
        assertThat(llm.requests().get(1).messages().toString()).contains("rainy, 14 C");   // the model saw the tool's answer
        // end::scripted[]
    }

    @Test
    void aFakeToolInOneLineRecordsWhatTheAgentAsked() {
        // tag::fake-tool[]
        var orders = TestTools.named("order_status").integerParameter("order").returns("shipped yesterday");
        var llm = ScriptedLlm.of(toolCall("order_status", "{\"order\": 42}"), text("It shipped yesterday."));
        AgentResult result = LlmAgent.builder().llm(llm).tools(orders).build().run("Where is order 42?");

        assertThat(result.output()).isEqualTo("It shipped yesterday.");
        assertThat(orders.calls()).containsExactly("{\"order\": 42}");   // what the agent asked the tool
        // end::fake-tool[]
    }

    @Test
    void mockitoStubsTheToolsOwnCollaborator() {
        // tag::mockito[]
        when(forecasts.today("Oslo")).thenReturn("snow, -3 C");
        var tool = new WeatherTool(forecasts);

        ToolResult ok = tool.execute(new ToolCall("c1", "weather", "{\"city\": \"Oslo\"}"), ToolContext.NONE);
        ToolResult broken = tool.execute(new ToolCall("c2", "weather", "{}"), ToolContext.NONE);

        assertThat(ok).isEqualTo(new ToolResult.Ok("snow, -3 C"));
        assertThat(broken).isInstanceOf(ToolResult.Failed.class);
        verify(forecasts).today("Oslo");
        // end::mockito[]
    }

    @Test
    void aToolThatCannotReadItsArgumentsNeverCallsTheService() {
        new WeatherTool(forecasts).execute(new ToolCall("c3", "weather", "not json"), ToolContext.NONE);

        verifyNoInteractions(forecasts);
    }
}
