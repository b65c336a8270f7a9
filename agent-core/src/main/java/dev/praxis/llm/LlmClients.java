package dev.praxis.llm;

import dev.praxis.llm.provider.ModelSpec;
import dev.praxis.llm.provider.ProviderFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses and builds a model client from settings, so a program can switch models without a
 * code change:
 *
 * <pre>{@code
 * // PRAXIS_MODEL=openai:gpt-4o-mini PRAXIS_API_KEY=sk-...        (OpenAI)
 * // PRAXIS_MODEL=openai:qwen2.5 PRAXIS_BASE_URL=http://localhost:8000/v1   (any OpenAI-compatible server)
 * // PRAXIS_MODEL=anthropic:claude-sonnet-4-5 | gemini:gemini-2.5-flash | ollama:llama3.2
 * // PRAXIS_MODEL=gguf:/models/qwen2.5-0.5b-instruct-q4_k_m.gguf   (in process, no server)
 * LlmClient llm = LlmClients.fromEnv().with(Retry.upTo(3));
 * }</pre>
 *
 * <p>Settings: {@code PRAXIS_MODEL} ({@code provider:model}, required), {@code PRAXIS_BASE_URL},
 * {@code PRAXIS_API_KEY} (required by openai at its public endpoint, anthropic and gemini) and
 * {@code PRAXIS_TIMEOUT_SECONDS} (per HTTP request, default 60). A missing or malformed
 * setting fails with one {@link LlmException} that names the variable to set. The providers'
 * LangChain4j modules and the local backend are optional dependencies: the message names the
 * one to add when it is missing.
 */
public final class LlmClients {

    /** The variable that selects the model. */
    public static final String MODEL = "PRAXIS_MODEL";
    /** The variable with the server's base URL. */
    public static final String BASE_URL = "PRAXIS_BASE_URL";
    /** The variable with the API key. */
    public static final String API_KEY = "PRAXIS_API_KEY";
    /** The variable with the per-request timeout in seconds. */
    public static final String TIMEOUT = "PRAXIS_TIMEOUT_SECONDS";

    private static final String LOCAL_FACTORY = "dev.praxis.llm.local.LocalModel";

    private LlmClients() {
    }

    /** A client configured by the process environment. */
    public static LlmClient fromEnv() {
        return from(System.getenv());
    }

    /** A client configured by {@code settings} (keys as in the environment). */
    public static LlmClient from(Map<String, String> settings) {
        ModelSpec spec = spec(settings);
        if (spec.provider().equals("gguf")) {
            return local(spec);
        }
        return ProviderFactory.create(spec);
    }

    /**
     * Parses and checks {@code settings} without building anything.
     *
     * @throws LlmException naming the variable to set or fix
     */
    public static ModelSpec spec(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        String model = value(settings, MODEL).orElseThrow(() -> new LlmException(MODEL
                + " is not set: set it to provider:model, e.g. openai:gpt-4o-mini, anthropic:claude-sonnet-4-5,"
                + " gemini:gemini-2.5-flash, ollama:llama3.2 or gguf:/path/to/model.gguf"));
        int colon = model.indexOf(':');
        if (colon <= 0 || colon == model.length() - 1) {
            throw new LlmException(MODEL + "='" + model + "' is not provider:model (e.g. openai:gpt-4o-mini)");
        }
        String provider = model.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
        if (!provider.equals("gguf") && !ProviderFactory.knows(provider)) {
            throw new LlmException(MODEL + "='" + model + "' names the unknown provider '" + provider
                    + "'; use openai, anthropic, gemini, ollama or gguf");
        }
        Optional<String> baseUrl = value(settings, BASE_URL);
        baseUrl.ifPresent(LlmClients::checkUrl);
        Optional<String> key = value(settings, API_KEY);
        boolean needsKey = provider.equals("anthropic") || provider.equals("gemini")
                || (provider.equals("openai") && baseUrl.isEmpty());
        if (needsKey && key.isEmpty()) {
            throw new LlmException(API_KEY + " is not set: " + provider + " needs an API key"
                    + (provider.equals("openai") ? " (or set " + BASE_URL + " for a local OpenAI-compatible server)" : ""));
        }
        return new ModelSpec(provider, model.substring(colon + 1).trim(), baseUrl, key, timeout(settings));
    }

    private static LlmClient local(ModelSpec spec) {
        try {
            Class.forName("de.kherud.llama.LlamaModel", false, LlmClients.class.getClassLoader());
            return (LlmClient) Class.forName(LOCAL_FACTORY).getMethod("fromSpec", ModelSpec.class).invoke(null, spec);
        } catch (ClassNotFoundException e) {
            throw new LlmException("gguf models need the dependency de.kherud:llama"
                    + " (an optional dependency of agent-core; version managed by dev.praxis:praxis-bom): add it to your build");
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new LlmException("could not load " + spec.model() + ": " + e.getCause(), e.getCause(), false);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("local model factory is broken", e);
        }
    }

    private static Duration timeout(Map<String, String> settings) {
        Optional<String> raw = value(settings, TIMEOUT);
        if (raw.isEmpty()) {
            return Duration.ofSeconds(60);
        }
        try {
            long seconds = Long.parseLong(raw.get());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LlmException(TIMEOUT + "='" + raw.get() + "' is not a positive number of seconds");
    }

    private static void checkUrl(String url) {
        try {
            var uri = new java.net.URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw new LlmException(BASE_URL + "='" + url + "' is not an http(s) URL such as http://localhost:8000/v1");
    }

    private static Optional<String> value(Map<String, String> settings, String name) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
