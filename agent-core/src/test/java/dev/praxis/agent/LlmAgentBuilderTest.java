package dev.praxis.agent;

import dev.praxis.guard.AnswerGuard;
import dev.praxis.guard.Containment;
import dev.praxis.guard.GuardDecision;
import dev.praxis.knowledge.Retrieval;
import dev.praxis.llm.Price;
import dev.praxis.llm.PriceTable;
import dev.praxis.memory.ContentCipher;
import dev.praxis.memory.EmbeddingExperienceStore;
import dev.praxis.memory.InMemoryVectorStore;
import dev.praxis.memory.MessageWindowMemory;
import dev.praxis.state.InMemoryCheckpointStore;
import dev.praxis.testing.HashingEmbeddingModel;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.ApprovalHandler;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static dev.praxis.testing.ScriptedLlm.text;
import static org.assertj.core.api.Assertions.assertThat;

class LlmAgentBuilderTest {

    @Test
    void toBuilderCarriesEverySettingOfTheOriginal() throws IllegalAccessException {
        LlmAgent.Builder original = LlmAgent.builder().name("n").llm(ScriptedLlm.of(text("x")))
                .tools(new Calculator()).memory(MessageWindowMemory.of(3)).systemPrompt("p")
                .budget(Budget.DEFAULT.withMaxSteps(2)).listener(e -> { }).clock(Clock.systemDefaultZone())
                .prices(PriceTable.of(Map.of("m", new Price(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE))))
                .reserveOutputTokens(500).streaming(true).nativeStructuredOutput(true)
                .guardrails((text, context) -> GuardDecision.pass())
                .checkpoints(new InMemoryCheckpointStore()).approvalTimeout(Duration.ofMinutes(5))
                .maxDelegationDepth(3).containment(Containment.standard(), ApprovalHandler.NOBODY)
                .answerGuard(AnswerGuard.create())
                .knowledge(Retrieval.inject(query -> java.util.List.of()))
                .experience(ExperienceLoop.over(new EmbeddingExperienceStore(new InMemoryVectorStore(),
                        new HashingEmbeddingModel(), ContentCipher.NONE)));
        LlmAgent agent = original.build();

        LlmAgent.Builder copy = agent.toBuilder();

        AgentSettings copied = settings(copy);
        assertThat(copied).isNotSameAs(settings(original)).hasNoNullFieldsOrProperties();
        for (Field field : AgentSettings.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            assertThat(field.get(copied)).as(field.getName()).isEqualTo(field.get(settings(original)));
        }
        assertThat(copy.build().budget()).isEqualTo(agent.budget());
    }

    private static AgentSettings settings(LlmAgent.Builder builder) throws IllegalAccessException {
        try {
            Field field = LlmAgent.Builder.class.getDeclaredField("settings");
            field.setAccessible(true);
            return (AgentSettings) field.get(builder);
        } catch (NoSuchFieldException e) {
            throw new AssertionError("LlmAgent.Builder keeps its settings in 'settings'", e);
        }
    }

    @Test
    void changingTheCopyLeavesTheOriginalAgentAlone() {
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of()).tools(new Calculator()).build();

        LlmAgent variant = agent.toBuilder().tools(new Object() {
            @dev.langchain4j.agent.tool.Tool("x")
            public String extra() {
                return "x";
            }
        }).build();

        assertThat(agent.toolbox().specs()).hasSize(2);
        assertThat(variant.toolbox().specs()).hasSize(3);
    }
}
