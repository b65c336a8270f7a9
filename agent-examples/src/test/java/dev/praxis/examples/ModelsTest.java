package dev.praxis.examples;

import dev.praxis.examples.offline.OfflineLlm;
import dev.praxis.llm.LlmException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void configuredModelAnswersAndIsNamedOnTheFirstLine() {
        var llm = Models.choose(Map.of("PRAXIS_MODEL", "openai:qwen2.5", "PRAXIS_BASE_URL", "http://127.0.0.1:9/v1"), out);

        assertThat(llm).isNotInstanceOf(OfflineLlm.class);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .isEqualTo("Model: openai:qwen2.5 (from PRAXIS_MODEL)");
    }

    @Test
    void wrongSettingsFailWithTheVariableToFix() {
        assertThatThrownBy(() -> Models.choose(Map.of("PRAXIS_MODEL", "anthropic:claude-sonnet-4-5"), out))
                .isInstanceOf(LlmException.class)
                .hasMessageStartingWith("PRAXIS_API_KEY is not set");
    }
}
