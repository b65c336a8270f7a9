package dev.praxis.observe.otel;

import dev.praxis.llm.provider.ModelSpec;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who serves the model: {@code gen_ai.provider.name} (the conventions' well-known value where
 * there is one) and, for a remote server, {@code server.address} and {@code server.port}.
 *
 * @param provider the provider name, never blank
 * @param address  the server's host, or empty for an in-process model
 * @param port     the server's port, or 0 when there is no server
 */
record Endpoint(String provider, Optional<String> address, int port) {

    static final Endpoint UNKNOWN = new Endpoint("unknown", Optional.empty(), 0);

    Endpoint {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(address, "address");
    }

    /** The endpoint of {@code spec}: its base URL, else the provider's public endpoint. */
    static Endpoint of(ModelSpec spec) {
        String provider = spec.provider();
        String url = spec.baseUrl().orElse(switch (provider) {
            case "openai" -> "https://api.openai.com/v1";
            case "anthropic" -> "https://api.anthropic.com/v1";
            case "gemini" -> "https://generativelanguage.googleapis.com";
            case "ollama" -> "http://localhost:11434";
            default -> "";
        });
        String name = switch (provider) {
            case "gemini" -> "gcp.gemini";
            case "gguf" -> "llama.cpp";
            default -> provider;
        };
        if (url.isEmpty()) {
            return new Endpoint(name, Optional.empty(), 0);
        }
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new Endpoint(name, Optional.ofNullable(uri.getHost()), port);
    }

    /**
     * The endpoint a client names in its {@code toString()} ({@code provider:model}, as
     * Praxis' provider clients do), or {@link #UNKNOWN}.
     */
    static Endpoint guess(Object client) {
        String label = String.valueOf(client);
        int colon = label.indexOf(':');
        String provider = colon > 0 ? label.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        return switch (provider) {
            case "openai", "anthropic", "gemini", "ollama", "gguf" ->
                    new Endpoint(provider.equals("gemini") ? "gcp.gemini" : provider.equals("gguf") ? "llama.cpp" : provider,
                            Optional.empty(), 0);
            default -> UNKNOWN;
        };
    }
}
