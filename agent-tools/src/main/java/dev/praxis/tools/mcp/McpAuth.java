package dev.praxis.tools.mcp;

import java.net.URI;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * How an {@link McpClientTools} connection over HTTP authenticates: a fixed bearer token, or an
 * OAuth 2 access token it obtains itself with the client-credentials grant (the authorization
 * server is discovered from the MCP server's protected-resource metadata, RFC 9728 and RFC 8414,
 * and the token is fetched again when the server answers 401). Secrets are never logged.
 *
 * <pre>{@code
 * McpClientTools.builder("https://mcp.example.com/mcp")
 *     .auth(McpAuth.clientCredentials("praxis-agent", System.getenv("MCP_CLIENT_SECRET")))
 *     .connect();
 * }</pre>
 */
public sealed interface McpAuth {

    /** No authentication. */
    McpAuth NONE = new None();

    /** Sends {@code Authorization: Bearer token} on every request. */
    static McpAuth bearer(String token) {
        return new Bearer(token);
    }

    /**
     * The client-credentials grant, authenticating to the token endpoint with
     * {@code client_secret_basic} (or {@code client_secret_post} when the server supports only that).
     */
    static McpAuth clientCredentials(String clientId, String clientSecret) {
        return new ClientCredentials(clientId, clientSecret, null, null);
    }

    /**
     * The client-credentials grant, authenticating with a signed JWT ({@code private_key_jwt},
     * RFC 7523) made with {@code key}: an EC P-256 key signs ES256, an RSA key RS256.
     */
    static McpAuth clientCredentials(String clientId, PrivateKey key) {
        return new ClientCredentials(clientId, null, key, null);
    }

    /** No authentication. */
    record None() implements McpAuth {
    }

    /** A fixed bearer token. */
    record Bearer(String token) implements McpAuth {
        /** Rejects a blank token. */
        public Bearer {
            if (Objects.requireNonNull(token, "token").isBlank()) {
                throw new IllegalArgumentException("a bearer token must not be blank");
            }
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    /**
     * The client-credentials grant.
     *
     * @param clientId      the registered client id
     * @param clientSecret  its secret, or null when {@code key} signs instead
     * @param key           the key for {@code private_key_jwt}, or null with a secret
     * @param scope         the scope to ask for, or null for the server's advertised scopes
     */
    record ClientCredentials(String clientId, String clientSecret, PrivateKey key, String scope) implements McpAuth {
        /** Exactly one of secret and key. */
        public ClientCredentials {
            Objects.requireNonNull(clientId, "clientId");
            if ((clientSecret == null) == (key == null)) {
                throw new IllegalArgumentException("client credentials need either a secret or a key");
            }
        }

        /** The same credentials asking for {@code scope}. */
        public ClientCredentials withScope(String scope) {
            return new ClientCredentials(clientId, clientSecret, key, scope);
        }

        @Override
        public String toString() {
            return "ClientCredentials[" + clientId + ", ***]";
        }
    }

    /** The canonical resource URI of an MCP endpoint (RFC 8707): no fragment, no query. */
    static String resourceOf(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getAuthority() + (endpoint.getPath() == null ? ""
                : endpoint.getPath());
    }
}
