package dev.praxis.spring;

import dev.praxis.agent.LlmAgent;
import dev.praxis.llm.LlmClient;
import dev.praxis.spring.web.PraxisA2aAutoConfiguration;
import dev.praxis.spring.web.PraxisWebAutoConfiguration;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tools.a2a.A2aServlet;
import io.a2a.server.requesthandlers.DefaultRequestHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

/** When the A2A endpoint is there, which agent it serves, and how a missing piece fails the start. */
class A2aAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PraxisAutoConfiguration.class, PraxisWebAutoConfiguration.class,
                    PraxisA2aAutoConfiguration.class))
            .withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")));

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(A2aServlet.class));
    }

    @Test
    void servesTheOnlyAgentWithTheConfiguredCard() {
        runner.withPropertyValues("praxis.web.a2a.enabled=true", "praxis.web.a2a.description=Answers questions",
                "praxis.web.a2a.url=https://agents.example.com/a2a").run(context -> {
                    assertThat(context).hasSingleBean(A2aServlet.class);
                    A2aServlet servlet = context.getBean(A2aServlet.class);
                    assertThat(servlet.card().name()).isEqualTo("agent");
                    assertThat(servlet.card().description()).isEqualTo("Answers questions");
                    assertThat(servlet.card().url()).isEqualTo("https://agents.example.com/a2a");
                });
    }

    @Test
    void withSeveralAgentsTheServedOneMustBeNamed() {
        var two = runner.withBean("helper", LlmAgent.class, () -> LlmAgent.builder().name("helper")
                .llm(ScriptedLlm.of(text("hi"))).build()).withBean("writer", LlmAgent.class, () -> LlmAgent.builder()
                .name("writer").llm(ScriptedLlm.of(text("hi"))).build());
        two.withPropertyValues("praxis.web.a2a.enabled=true").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("name the one to serve with praxis.web.a2a.agent"));
        two.withPropertyValues("praxis.web.a2a.enabled=true", "praxis.web.a2a.agent=helper").run(context ->
                assertThat(context.getBean(A2aServlet.class).card().name()).isEqualTo("helper"));
        two.withPropertyValues("praxis.web.a2a.enabled=true", "praxis.web.a2a.agent=nobody").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("praxis.web.a2a.agent names 'nobody'"));
    }

    @Test
    void askingForTheEndpointWithoutTheA2aSdkFailsNamingTheDependency() {
        runner.withPropertyValues("praxis.web.a2a.enabled=true")
                .withClassLoader(new FilteredClassLoader(DefaultRequestHandler.class))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs dev.praxis:agent-tools and the A2A Java SDK"));
        runner.withClassLoader(new FilteredClassLoader(DefaultRequestHandler.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(A2aServlet.class));
    }
}
