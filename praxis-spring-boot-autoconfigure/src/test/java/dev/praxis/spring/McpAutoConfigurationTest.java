package dev.praxis.spring;

import dev.praxis.llm.LlmClient;
import dev.praxis.spring.web.PraxisMcpAutoConfiguration;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tools.mcp.McpToolServer;
import io.modelcontextprotocol.server.McpSyncServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** When the MCP server endpoint is there, and how a wrong tool list fails the start. */
class McpAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PraxisAutoConfiguration.class, PraxisMcpAutoConfiguration.class))
            .withBean(Payments.class)
            .withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")));

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(McpSyncServer.class));
    }

    @Test
    void publishesOnlyTheNamedTools() {
        runner.withPropertyValues("praxis.web.mcp.enabled=true", "praxis.web.mcp.tools=balance")
                .run(context -> assertThat(context).hasSingleBean(McpSyncServer.class));
    }

    @Test
    void anUnknownToolNameFailsTheStartListingTheToolsThereAre() {
        runner.withPropertyValues("praxis.web.mcp.enabled=true", "praxis.web.mcp.tools=balanse")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("praxis.web.mcp.tools names 'balanse'").hasMessageContaining("balance"));
    }

    @Test
    void enabledWithoutToolsFailsTheStart() {
        runner.withPropertyValues("praxis.web.mcp.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("praxis.web.mcp.tools names no tool"));
    }

    @Test
    void askingForTheEndpointWithoutAgentToolsFailsNamingTheDependency() {
        runner.withConfiguration(AutoConfigurations.of(dev.praxis.spring.web.PraxisWebAutoConfiguration.class))
                .withPropertyValues("praxis.web.mcp.enabled=true", "praxis.web.mcp.tools=balance")
                .withClassLoader(new FilteredClassLoader(McpToolServer.class))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("praxis.web.mcp.enabled=true needs dev.praxis:agent-tools"));
    }

    @Test
    void withoutAgentToolsAndNotAskedForTheApplicationStarts() {
        runner.withConfiguration(AutoConfigurations.of(dev.praxis.spring.web.PraxisWebAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(McpToolServer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(McpSyncServer.class));
    }
}
