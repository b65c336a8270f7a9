package dev.praxis.llm.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.praxis.llm.LlmClient;
import dev.praxis.llm.internal.ContentRules;
import dev.praxis.llm.internal.ProviderClient;
import dev.praxis.llm.internal.ProviderHttpClient;

/**
 * Builds clients for the hosted providers through their LangChain4j modules. Each method
 * touches only its own provider's classes, so an application needs only the module it uses
 * on its class path. The providers' own retries are switched off: retry with {@code Retry}.
 */
final class Providers {

    private Providers() {
    }

    /**
     * OpenAI and every server that speaks its chat-completions API (vLLM, llama.cpp, LM Studio, ...).
     * A JSON-schema response format goes out strict: Praxis schemas are closed (every property
     * required, no others), which is what strict mode demands.
     */
    static LlmClient openAi(ModelSpec spec) {
        String key = spec.apiKey().orElse("not-needed");
        return new ProviderClient(spec.label(),
                OpenAiChatModel.builder().httpClientBuilder(http(spec)).baseUrl(spec.baseUrl().orElse(null))
                        .apiKey(key).modelName(spec.model()).maxRetries(0).timeout(spec.timeout())
                        .strictJsonSchema(true).build(),
                OpenAiStreamingChatModel.builder().httpClientBuilder(http(spec)).baseUrl(spec.baseUrl().orElse(null))
                        .apiKey(key).modelName(spec.model()).timeout(spec.timeout())
                        .strictJsonSchema(true).build(), ContentRules.OPENAI);
    }

    /** Anthropic's messages API. */
    static LlmClient anthropic(ModelSpec spec) {
        String key = spec.apiKey().orElseThrow();
        return new ProviderClient(spec.label(),
                AnthropicChatModel.builder().httpClientBuilder(http(spec)).baseUrl(spec.baseUrl().orElse(null))
                        .apiKey(key).modelName(spec.model()).maxRetries(0).timeout(spec.timeout()).build(),
                AnthropicStreamingChatModel.builder().httpClientBuilder(http(spec)).baseUrl(spec.baseUrl().orElse(null))
                        .apiKey(key).modelName(spec.model()).timeout(spec.timeout()).build(), ContentRules.ANTHROPIC);
    }

    /** Ollama's native chat API. */
    static LlmClient ollama(ModelSpec spec) {
        String url = spec.baseUrl().orElse("http://localhost:11434");
        return new ProviderClient(spec.label(),
                OllamaChatModel.builder().httpClientBuilder(http(spec)).baseUrl(url).modelName(spec.model())
                        .maxRetries(0).timeout(spec.timeout()).build(),
                OllamaStreamingChatModel.builder().httpClientBuilder(http(spec)).baseUrl(url).modelName(spec.model())
                        .timeout(spec.timeout()).build(), ContentRules.OLLAMA);
    }

    /** Google's Gemini API (generativelanguage). */
    static LlmClient gemini(ModelSpec spec) {
        String key = spec.apiKey().orElseThrow();
        return new ProviderClient(spec.label(),
                GoogleAiGeminiChatModel.builder().httpClientBuilder(http(spec)).baseUrl(spec.baseUrl().orElse(null))
                        .apiKey(key).modelName(spec.model()).maxRetries(0).timeout(spec.timeout()).build(),
                GoogleAiGeminiStreamingChatModel.builder().httpClientBuilder(http(spec))
                        .baseUrl(spec.baseUrl().orElse(null)).apiKey(key).modelName(spec.model())
                        .timeout(spec.timeout()).build(), ContentRules.GEMINI);
    }

    private static ProviderHttpClient.Builder http(ModelSpec spec) {
        return ProviderHttpClient.builder().readTimeout(spec.timeout());
    }
}
