package dev.praxis.spring.actuate;

import dev.praxis.llm.provider.ModelSpec;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether the model named by {@code praxis.model} can be reached: one cheap listing request
 * to the provider ({@code GET /models} for OpenAI-compatible servers, Anthropic and Gemini,
 * {@code GET /api/tags} for Ollama), no tokens spent; for a {@code gguf} model, whether its
 * file is readable. Up on 2xx; down on a refused key (401/403), another status, or no
 * answer within the probe timeout. The key goes in a header and never into details or logs.
 */
public final class ModelHealthIndicator extends AbstractHealthIndicator {

    private final ModelSpec spec;
    private final HttpClient http;
    private final Duration timeout;

    /** Probes {@code spec}, waiting at most {@code timeout} (capped at 5 seconds) for an answer. */
    public ModelHealthIndicator(ModelSpec spec, Duration timeout) {
        super("model health check failed");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.timeout = timeout.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : timeout;
        this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.withDetail("model", spec.label());
        if (spec.provider().equals("gguf")) {
            boolean readable = Files.isReadable(Path.of(spec.model()));
            (readable ? builder.up() : builder.down()).withDetail("file", readable ? "readable" : "missing or unreadable");
            return;
        }
        URI uri = probeUri();
        builder.withDetail("url", uri.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        spec.apiKey().ifPresent(key -> authorize(request, key));
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            builder.down().withDetail("error", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return;
        }
        int status = response.statusCode();
        builder.withDetail("status", status);
        if (status / 100 == 2) {
            builder.up();
        } else if (status == 401 || status == 403) {
            builder.down().withDetail("error", "the provider refused the API key (praxis.api-key)");
        } else {
            builder.down().withDetail("error", "unexpected HTTP status " + status);
        }
    }

    private URI probeUri() {
        String base = spec.baseUrl().orElseGet(() -> switch (spec.provider()) {
            case "openai" -> "https://api.openai.com/v1";
            case "anthropic" -> "https://api.anthropic.com/v1";
            case "gemini" -> "https://generativelanguage.googleapis.com/v1beta";
            case "ollama" -> "http://localhost:11434";
            default -> throw new IllegalStateException("no probe for provider " + spec.provider());
        });
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + (spec.provider().equals("ollama") ? "/api/tags" : "/models"));
    }

    private void authorize(HttpRequest.Builder request, String key) {
        switch (spec.provider()) {
            case "anthropic" -> request.header("x-api-key", key).header("anthropic-version", "2023-06-01");
            case "gemini" -> request.header("x-goog-api-key", key);
            default -> request.header("Authorization", "Bearer " + key);
        }
    }
}
