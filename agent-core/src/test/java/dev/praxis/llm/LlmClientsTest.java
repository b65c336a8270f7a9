package dev.praxis.llm;

import dev.praxis.llm.provider.ModelSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmClientsTest {

    @Test
    void missingModelNamesTheVariableAndShowsExamples() {
        assertThatThrownBy(() -> LlmClients.from(Map.of()))
                .isInstanceOf(LlmException.class)
                .hasMessageStartingWith("PRAXIS_MODEL is not set")
                .hasMessageContaining("openai:gpt-4o-mini");
    }

    @Test
    void malformedOrUnknownModelIsRejectedByName() {
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "gpt-4o")))
                .hasMessage("PRAXIS_MODEL='gpt-4o' is not provider:model (e.g. openai:gpt-4o-mini)");
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "cohere:command-r")))
                .hasMessageContaining("unknown provider 'cohere'");
    }

    @Test
    void hostedProvidersNeedAKeyButLocalOpenAiCompatibleServersDoNot() {
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "anthropic:claude-sonnet-4-5")))
                .hasMessageStartingWith("PRAXIS_API_KEY is not set: anthropic needs an API key");
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "openai:gpt-4o-mini")))
                .hasMessageContaining("PRAXIS_API_KEY is not set").hasMessageContaining("PRAXIS_BASE_URL");

        ModelSpec local = LlmClients.spec(Map.of("PRAXIS_MODEL", "openai:qwen2.5", "PRAXIS_BASE_URL",
                "http://127.0.0.1:8000/v1"));

        assertThat(local.apiKey()).isEmpty();
        assertThat(local.baseUrl()).contains("http://127.0.0.1:8000/v1");
        assertThat(local.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void badBaseUrlAndTimeoutAreRejectedByName() {
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "ollama:llama3.2", "PRAXIS_BASE_URL", "localhost:11434")))
                .hasMessageStartingWith("PRAXIS_BASE_URL='localhost:11434' is not an http(s) URL");
        assertThatThrownBy(() -> LlmClients.from(Map.of("PRAXIS_MODEL", "ollama:llama3.2", "PRAXIS_TIMEOUT_SECONDS", "-5")))
                .hasMessageStartingWith("PRAXIS_TIMEOUT_SECONDS='-5'");
    }

    @Test
    void specNeverShowsTheKey() {
        ModelSpec spec = LlmClients.spec(Map.of("PRAXIS_MODEL", "gemini:gemini-2.5-flash", "PRAXIS_API_KEY", "AIza-secret",
                "PRAXIS_TIMEOUT_SECONDS", "5"));

        assertThat(spec.toString()).doesNotContain("AIza-secret").contains("gemini:gemini-2.5-flash");
        assertThat(spec.apiKey()).isEqualTo(Optional.of("AIza-secret"));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(5));
    }
}
