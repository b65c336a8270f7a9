package dev.praxis.llm.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a model lives and how to reach it: the provider ({@code openai}, {@code anthropic},
 * {@code ollama}, {@code gemini}, {@code gguf}), the model name (or a GGUF file path), and an
 * optional base URL and API key. {@link #toString()} never shows the key.
 *
 * @param provider provider id, lower case
 * @param model    model name as the provider spells it, or the path of a {@code .gguf} file
 * @param baseUrl  the server's base URL; empty for the provider's public endpoint
 * @param apiKey   the API key; empty where the server needs none
 * @param timeout  how long one HTTP request may take before it fails as retriable
 */
public record ModelSpec(String provider, String model, Optional<String> baseUrl, Optional<String> apiKey,
                        Duration timeout) {

    /** Rejects nulls and blank names. */
    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        if (provider.isBlank() || model.isBlank()) {
            throw new IllegalArgumentException("provider and model must not be blank");
        }
    }

    /** {@code provider:model}, as in {@code PRAXIS_MODEL}. */
    public String label() {
        return provider + ":" + model;
    }

    @Override
    public String toString() {
        return "ModelSpec[" + label() + baseUrl.map(u -> " at " + u).orElse("")
                + (apiKey.isPresent() ? ", key set" : "") + "]";
    }
}
