package dev.praxis.spring;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.praxis.agent.AgentEvent;
import dev.praxis.agent.AgentListener;
import dev.praxis.agent.AgentResult;
import dev.praxis.agent.LlmAgent;
import dev.praxis.agent.Status;
import dev.praxis.guard.Containment;
import dev.praxis.llm.LlmClient;
import dev.praxis.memory.ConversationMemory;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.state.CheckpointStore;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalDecision;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.praxis.testing.ScriptedLlm.text;
import static dev.praxis.testing.ScriptedLlm.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/** The core beans and their conditions, each context started by {@link ApplicationContextRunner}. */
class PraxisAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PraxisAutoConfiguration.class));

    @Test
    void buildsTheModelNamedByPropertiesAndTheDefaultAgentRunsAgainstIt() {
        try (FakeOpenAi server = new FakeOpenAi().requireKey("sk-test").text("Hello from the fake")) {
            runner.withPropertyValues("praxis.model=openai:gpt-4o-mini", "praxis.base-url=" + server.baseUrl(),
                            "praxis.api-key=sk-test", "praxis.agent.name=helper", "praxis.agent.system-prompt=Be brief.")
                    .run(context -> {
                        LlmAgent agent = context.getBean(LlmAgent.class);
                        AgentResult result = agent.run("Say hello");

                        assertThat(result.output()).isEqualTo("Hello from the fake");
                        assertThat(agent.name()).isEqualTo("helper");
                        assertThat(server.requests().get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
                        assertThat(server.requests().get(0).path("messages").get(0).path("content").asText())
                                .isEqualTo("Be brief.");
                    });
        }
    }

    @Test
    void failsToStartWithAMessageWhenNoModelIsConfigured() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("Praxis has no model: set praxis.model"));
    }

    @Test
    void aMalformedModelPropertyFailsTheStartNamingTheSetting() {
        runner.withPropertyValues("praxis.model=gpt-4o-mini").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("is not provider:model"));
    }

    @Test
    void adaptsTheApplicationsLangChain4jChatModel() {
        runner.withBean(ChatModel.class, () -> new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("from the ChatModel bean")).build();
            }
        }).run(context -> assertThat(context.getBean(LlmAgent.class).run("hi").output())
                .isEqualTo("from the ChatModel bean"));
    }

    @Test
    void theApplicationsOwnBeansReplaceEveryDefault() {
        ScriptedLlm llm = ScriptedLlm.of(text("mine"));
        ConversationMemory memory = MessageWindowMemory.of(3);
        CheckpointStore checkpoints = new InMemoryCheckpointStore();
        runner.withPropertyValues("praxis.model=openai:unused", "praxis.base-url=http://127.0.0.1:9/v1")
                .withBean(LlmClient.class, () -> llm)
                .withBean(ConversationMemory.class, () -> memory)
                .withBean(CheckpointStore.class, () -> checkpoints)
                .withBean(Toolbox.class, () -> Toolbox.EMPTY)
                .run(context -> {
                    assertThat(context).getBean(LlmClient.class).isSameAs(llm);
                    assertThat(context).getBean(ConversationMemory.class).isSameAs(memory);
                    assertThat(context).getBean(CheckpointStore.class).isSameAs(checkpoints);
                    assertThat(context.getBean(LlmAgent.class).run("hi").output()).isEqualTo("mine");
                });
    }

    @Test
    void turnsToolBeansIntoToolsWithTheirSideEffectClasses() {
        runner.withUserConfiguration(Scripted.class).withBean(Payments.class)
                .withBean("clock", Tool.class, () -> dev.praxis.tool.Tools.of("clock", "the time",
                        dev.langchain4j.model.chat.request.json.JsonObjectSchema.builder().build(),
                        SideEffect.READ_ONLY, args -> "noon"))
                .run(context -> assertThat(context.getBean(Toolbox.class).tools())
                        .extracting(Tool::name, Tool::sideEffect)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("balance", SideEffect.READ_ONLY),
                                org.assertj.core.groups.Tuple.tuple("pay", SideEffect.EXTERNAL),
                                org.assertj.core.groups.Tuple.tuple("clock", SideEffect.READ_ONLY)));
    }

    @Test
    void anExternalCallWaitsForAPersonAndTheDecisionResumesTheRun() {
        runner.withBean(Payments.class)
                .withBean(LlmClient.class, () -> ScriptedLlm.of(toolCall("pay", "{\"invoice\":\"INV-42\"}"), text("Paid.")))
                .run(context -> {
                    LlmAgent agent = context.getBean(LlmAgent.class);
                    PraxisApprovals approvals = context.getBean(PraxisApprovals.class);

                    AgentResult paused = agent.run("Pay invoice INV-42");

                    assertThat(paused.status()).isEqualTo(Status.AWAITING_APPROVAL);
                    assertThat(context.getBean(Payments.class).paid()).isEmpty();
                    assertThat(approvals.waiting()).singleElement().satisfies(run -> {
                        assertThat(run.runId()).isEqualTo(paused.runId());
                        assertThat(run.agent()).isEqualTo("agent");
                        assertThat(run.pending()).singleElement()
                                .satisfies(p -> assertThat(p.call().name()).isEqualTo("pay"));
                    });

                    AgentResult done = approvals.decide(paused.runId(), ApprovalDecision.allow());

                    assertThat(done.status()).isEqualTo(Status.COMPLETED);
                    assertThat(done.output()).isEqualTo("Paid.");
                    assertThat(context.getBean(Payments.class).paid()).containsExactly("INV-42");
                    assertThat(approvals.waiting()).isEmpty();
                });
    }

    @Test
    void allowAllPolicyRunsExternalCallsAtOnce() {
        runner.withPropertyValues("praxis.approval.policy=allow-all").withBean(Payments.class)
                .withBean(LlmClient.class, () -> ScriptedLlm.of(toolCall("pay", "{\"invoice\":\"INV-7\"}"), text("Paid.")))
                .run(context -> {
                    assertThat(context.getBean(LlmAgent.class).run("Pay INV-7").status()).isEqualTo(Status.COMPLETED);
                    assertThat(context.getBean(Payments.class).paid()).containsExactly("INV-7");
                });
    }

    @Test
    void readOnlyPolicyDeniesCallsWithSideEffects() {
        ScriptedLlm llm = ScriptedLlm.of(toolCall("pay", "{\"invoice\":\"INV-7\"}"), text("Could not pay."));
        runner.withPropertyValues("praxis.approval.policy=read-only").withBean(Payments.class)
                .withBean(LlmClient.class, () -> llm)
                .run(context -> {
                    assertThat(context.getBean(LlmAgent.class).run("Pay INV-7").status()).isEqualTo(Status.COMPLETED);
                    assertThat(context.getBean(Payments.class).paid()).isEmpty();
                    assertThat(llm.requests().get(1).messages().toString()).contains("read-only tools");
                });
    }

    @Test
    void everyListenerBeanHearsTheRunsEvents() {
        List<AgentEvent> heard = new CopyOnWriteArrayList<>();
        runner.withUserConfiguration(Scripted.class).withBean(AgentListener.class, () -> heard::add)
                .run(context -> {
                    String runId = context.getBean(LlmAgent.class).run("hi").runId();
                    assertThat(heard).first().isInstanceOfSatisfying(AgentEvent.RunStarted.class,
                            e -> assertThat(e.runId()).isEqualTo(runId));
                    assertThat(heard).last().isInstanceOf(AgentEvent.Completed.class);
                });
    }

    @Test
    void budgetPropertiesBecomeTheAgentsDefaultBudget() {
        runner.withUserConfiguration(Scripted.class)
                .withPropertyValues("praxis.budget.max-steps=3", "praxis.budget.max-time=45s",
                        "praxis.budget.max-tokens=5000", "praxis.approval.timeout=2h")
                .run(context -> {
                    var budget = context.getBean(LlmAgent.class).budget();
                    assertThat(budget.maxSteps()).isEqualTo(3);
                    assertThat(budget.maxTime()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(budget.maxTokens()).isEqualTo(5000);
                });
    }

    @Test
    void anInvalidBudgetFailsTheStartNamingTheLimit() {
        runner.withUserConfiguration(Scripted.class).withPropertyValues("praxis.budget.max-steps=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("maxSteps must be at least 1"));
    }

    @Test
    void containmentIsOffByDefaultAndOnByProperty() {
        runner.withUserConfiguration(Scripted.class)
                .run(context -> assertThat(context).doesNotHaveBean(Containment.class));
        runner.withUserConfiguration(Scripted.class).withPropertyValues("praxis.containment.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(Containment.class);
                    assertThat(context.getBean(LlmAgent.class).run("hi").status()).isEqualTo(Status.COMPLETED);
                });
    }

    @Test
    void theApplicationsAgentBeansReplaceTheDefaultAndShareTheBuilderPreset() {
        runner.withUserConfiguration(Scripted.class, TwoAgents.class).withBean(Payments.class).run(context -> {
            assertThat(context).doesNotHaveBean("praxisAgent");
            assertThat(context.getBean(PraxisAgents.class).all()).containsOnlyKeys("support", "billing");
            assertThat(context.getBean("billing", LlmAgent.class).toolbox().tools()).hasSize(2);
        });
    }

    @Test
    void noDefaultAgentWhenSwitchedOff() {
        runner.withUserConfiguration(Scripted.class).withPropertyValues("praxis.agent.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LlmAgent.class));
    }

    @Test
    void twoAgentsWithOneNameAreRefusedWhenApprovalsLookThemUp() {
        runner.withUserConfiguration(Scripted.class, SameNames.class).run(context -> {
            var agents = context.getBean(PraxisAgents.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(agents::all)
                    .hasMessageContaining("two agent beans are named 'twin'");
        });
    }

    @Test
    void aJdbcStoreWithoutAgentMemoryOnTheClassPathFailsNamingTheDependency() {
        runner.withUserConfiguration(Scripted.class).withPropertyValues("praxis.memory.store=jdbc")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("praxis.memory.store=jdbc needs dev.praxis:agent-memory"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Scripted {
        @Bean
        LlmClient llm() {
            return ScriptedLlm.of(text("ok"), text("ok"), text("ok"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoAgents {
        @Bean
        LlmAgent support(LlmAgent.Builder praxis) {
            return praxis.name("support").toolbox(Toolbox.EMPTY).build();
        }

        // tag::billing[]
        @Bean
        LlmAgent billing(LlmAgent.Builder praxis) {
            return praxis.name("billing").systemPrompt("You handle invoices.").build();
        }
        // end::billing[]
    }

    @Configuration(proxyBeanMethods = false)
    static class SameNames {
        @Bean
        LlmAgent one(LlmAgent.Builder praxis) {
            return praxis.name("twin").build();
        }

        @Bean
        LlmAgent two(LlmAgent.Builder praxis) {
            return praxis.name("twin").build();
        }
    }
}
