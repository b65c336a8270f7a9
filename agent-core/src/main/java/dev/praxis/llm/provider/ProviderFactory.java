package dev.praxis.llm.provider;

import dev.praxis.llm.LlmClient;
import dev.praxis.llm.LlmException;

import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link ModelSpec} into a client for its provider, checking first that the
 * provider's optional module is on the class path and naming the Maven artifact if not.
 */
public final class ProviderFactory {

    // lambdas, not method references: a method reference links Providers (and with it the
    // provider classes it names) when this class initialises, before the probe can say what is missing
    private record Entry(String probeClass, String artifact, Function<ModelSpec, LlmClient> create) {
    }

    private static final Map<String, Entry> PROVIDERS = Map.of(
            "openai", new Entry("dev.langchain4j.model.openai.OpenAiChatModel", "dev.langchain4j:langchain4j-open-ai",
                    spec -> Providers.openAi(spec)),
            "anthropic", new Entry("dev.langchain4j.model.anthropic.AnthropicChatModel",
                    "dev.langchain4j:langchain4j-anthropic", spec -> Providers.anthropic(spec)),
            "ollama", new Entry("dev.langchain4j.model.ollama.OllamaChatModel", "dev.langchain4j:langchain4j-ollama",
                    spec -> Providers.ollama(spec)),
            "gemini", new Entry("dev.langchain4j.model.googleai.GoogleAiGeminiChatModel",
                    "dev.langchain4j:langchain4j-google-ai-gemini", spec -> Providers.gemini(spec)));

    private ProviderFactory() {
    }

    /** Whether {@code provider} is a hosted provider this factory knows. */
    public static boolean knows(String provider) {
        return PROVIDERS.containsKey(provider);
    }

    /**
     * A client for {@code spec}.
     *
     * @throws LlmException naming the missing dependency or the unknown provider
     */
    public static LlmClient create(ModelSpec spec) {
        Entry entry = PROVIDERS.get(spec.provider());
        if (entry == null) {
            throw new LlmException("unknown model provider '" + spec.provider() + "'; known: " + PROVIDERS.keySet());
        }
        try {
            Class.forName(entry.probeClass(), false, ProviderFactory.class.getClassLoader());
            Class.forName("dev.langchain4j.http.client.HttpClient", false, ProviderFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new LlmException("provider '" + spec.provider() + "' needs the dependency " + entry.artifact()
                    + " (an optional dependency of agent-core; version managed by dev.praxis:praxis-bom): add it to your build");
        }
        return entry.create().apply(spec);
    }
}
