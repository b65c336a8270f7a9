package dev.praxis.spring;

import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.llm.LlmClient;
import dev.praxis.spring.actuate.ModelHealthIndicator;
import dev.praxis.spring.actuate.PraxisActuatorAutoConfiguration;
import dev.praxis.spring.actuate.PraxisEndpoint;
import dev.praxis.spring.actuate.PraxisHealthAutoConfiguration;
import dev.praxis.spring.actuate.StoreHealthIndicator;
import dev.praxis.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** Health of the model endpoint and the stores, and the {@code praxis} Actuator endpoint. */
class ActuatorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PraxisAutoConfiguration.class,
                    PraxisActuatorAutoConfiguration.class, PraxisHealthAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=praxis");

    @Test
    void theModelIsUpWhenTheProviderListsModelsWithTheKey() {
        try (FakeOpenAi server = new FakeOpenAi().requireKey("sk-good")) {
            runner.withPropertyValues("praxis.model=openai:gpt-4o-mini", "praxis.base-url=" + server.baseUrl(),
                    "praxis.api-key=sk-good").run(context -> {
                        Health health = context.getBean(ModelHealthIndicator.class).health(true);
                        assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
                        assertThat(health.getDetails()).containsEntry("model", "openai:gpt-4o-mini")
                                .containsEntry("url", server.baseUrl() + "/models");
                        assertThat(health.getDetails().toString()).doesNotContain("sk-good");
                    });
        }
    }

    @Test
    void theModelIsDownWhenTheKeyIsRefusedOrTheServerIsGone() {
        try (FakeOpenAi server = new FakeOpenAi().requireKey("sk-good")) {
            runner.withPropertyValues("praxis.model=openai:gpt-4o-mini", "praxis.base-url=" + server.baseUrl(),
                    "praxis.api-key=sk-bad").run(context -> {
                        Health health = context.getBean(ModelHealthIndicator.class).health(true);
                        assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
                        assertThat(health.getDetails()).containsEntry("error",
                                "the provider refused the API key (praxis.api-key)");
                    });
        }
        FakeOpenAi gone = new FakeOpenAi();
        String url = gone.baseUrl();
        gone.close();
        runner.withPropertyValues("praxis.model=openai:gpt-4o-mini", "praxis.base-url=" + url)
                .run(context -> assertThat(context.getBean(ModelHealthIndicator.class).health(true).getStatus())
                        .isEqualTo(org.springframework.boot.health.contributor.Status.DOWN));
    }

    @Test
    void noModelHealthForAModelTheApplicationBuiltItself() {
        runner.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .run(context -> assertThat(context).doesNotHaveBean(ModelHealthIndicator.class)
                        .hasSingleBean(StoreHealthIndicator.class));
    }

    @Test
    void storesReportTheRunsAwaitingApprovalAndTheEndpointListsAgentsToolsAndWaitingCalls() {
        runner.withBean(Payments.class)
                .withBean(LlmClient.class, () -> ScriptedLlm.of(toolCall("pay", "{\"invoice\":\"INV-9\"}")))
                .run(context -> {
                    AgentResult paused = context.getBean(LlmAgent.class).run("Pay INV-9");
                    assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);

                    Health stores = context.getBean(StoreHealthIndicator.class).health(true);
                    assertThat(stores.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
                    assertThat(stores.getDetails()).containsEntry("runsAwaitingApproval", 1);

                    PraxisEndpoint.Report report = context.getBean(PraxisEndpoint.class).report();
                    assertThat(report.agents()).singleElement().satisfies(agent -> {
                        assertThat(agent.name()).isEqualTo("agent");
                        assertThat(agent.tools()).extracting(PraxisEndpoint.ToolView::name, PraxisEndpoint.ToolView::sideEffect)
                                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("balance", "READ_ONLY"),
                                        org.assertj.core.groups.Tuple.tuple("pay", "EXTERNAL"));
                    });
                    assertThat(report.runsAwaitingApproval()).singleElement().satisfies(run -> {
                        assertThat(run.runId()).isEqualTo(paused.runId());
                        assertThat(run.pending()).singleElement().satisfies(call -> {
                            assertThat(call.tool()).isEqualTo("pay");
                            assertThat(call.arguments()).contains("INV-9");
                        });
                    });
                });
    }

    @Test
    void healthIndicatorsCanBeSwitchedOff() {
        runner.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .withPropertyValues("management.health.praxis.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(StoreHealthIndicator.class)
                        .hasSingleBean(PraxisEndpoint.class));
    }

    @Test
    void startsWithoutActuatorOnTheClassPath() {
        runner.withBean(LlmClient.class, () -> ScriptedLlm.of(text("ok")))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                        "org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(PraxisEndpoint.class).doesNotHaveBean(StoreHealthIndicator.class)
                        .hasSingleBean(LlmAgent.class));
    }
}
