package dev.praxis.agent;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.testing.ScriptedLlm;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.Tools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tools(..)} and {@code toolbox(..)} on the builder: tools are added, never dropped silently. */
class BuilderToolsTest {

    private static final Toolbox CLOCK = Toolbox.of(Tools.of("now", "The time", JsonObjectSchema.builder().build(),
            SideEffect.READ_ONLY, args -> "noon"));

    @Test
    void toolsAddedAfterTheToolboxJoinIt() {
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of()).toolbox(CLOCK).tools(new Calculator()).build();

        assertThat(agent.toolbox().specs()).extracting(s -> s.name()).containsExactly("now", "add", "divide");
    }

    @Test
    void aToolboxAfterAddedToolsFailsNamingTheToolsItWouldDrop() {
        LlmAgent.Builder builder = LlmAgent.builder().llm(ScriptedLlm.of()).tools(new Calculator());

        assertThatThrownBy(() -> builder.toolbox(CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[add, divide]")
                .hasMessageContaining("set the toolbox first");
    }

    @Test
    void aCopyKeepsTheRuleForToolsItsOriginAdded() {
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of()).tools(new Calculator()).build();

        assertThatThrownBy(() -> agent.toBuilder().toolbox(CLOCK)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aToolboxSetEarlierMayBeReplaced() {
        LlmAgent agent = LlmAgent.builder().llm(ScriptedLlm.of()).toolbox(CLOCK).toolbox(Toolbox.EMPTY).build();

        assertThat(agent.toolbox().specs()).isEmpty();
    }
}
