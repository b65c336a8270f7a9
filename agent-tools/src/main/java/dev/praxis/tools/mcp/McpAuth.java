package dev.praxis.tools.mcp;

import java.net.URI;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * How an {@link McpClientTools} connection over HTTP authenticates: a fixed bearer token, an
 * OAuth 2 access token it obtains on a person's behalf with the authorization-code grant (PKCE,
 * renewed with the refresh token when it expires),
 * or one it obtains itself with the client-credentials grant (the authorization
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

    /**
     * The authorization-code grant with PKCE, for access on a person's behalf: on the server's 401
     * the client registers itself (RFC 7591, as a public client) and sends the person to the
     * authorization server through {@code browser}, which must come back with the URI the server
     * redirected to ({@code redirectUri} with {@code code} and {@code state}).
     *
     * <pre>{@code
     * McpAuth.authorizationCode(URI.create("http://127.0.0.1:8976/callback"), url -> loopback.await(url))
     * }</pre>
     */
    static AuthorizationCode authorizationCode(URI redirectUri, Browser browser) {
        return new AuthorizationCode(null, null, redirectUri, browser, null, "Praxis", null);
    }

    /**
     * Takes the person to the authorization server: opens {@code authorizationUrl} (a browser, a
     * link shown in a chat) and returns the URI the server redirected back to, with its query.
     * Throws to give up; the connection then fails with {@link McpException}.
     */
    @FunctionalInterface
    interface Browser {
        /** Opens {@code authorizationUrl}; returns the redirect URI it ended at. */
        URI authorize(URI authorizationUrl);
    }

    /**
     * The authorization-code grant with PKCE (S256), state and the {@code resource} parameter.
     *
     * @param clientId     a pre-registered client id, or null to register dynamically
     * @param clientSecret its secret (a confidential client), or null
     * @param redirectUri  where the authorization server sends the person back
     * @param browser      takes the person there and returns the redirect
     * @param scope        the scope to ask for, or null for the server's (challenge, then advertised)
     * @param clientName   the name to register under
     * @param clientMetadataUrl the HTTPS URL of this client's metadata document, used as its client
     *                     id where the authorization server supports client-ID metadata documents
     *                     ({@code client_id_metadata_document_supported}), or null to register
     */
    record AuthorizationCode(String clientId, String clientSecret, URI redirectUri, Browser browser, String scope,
                             String clientName, URI clientMetadataUrl) implements McpAuth {
        /**
         * Requires the redirect URI, the browser and a client name; a secret needs a client id; a
         * metadata document URL must be HTTPS with a path.
         */
        public AuthorizationCode {
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(browser, "browser");
            Objects.requireNonNull(clientName, "clientName");
            if (clientSecret != null && clientId == null) {
                throw new IllegalArgumentException("a client secret needs its client id");
            }
            if (clientMetadataUrl != null && (!"https".equals(clientMetadataUrl.getScheme())
                    || clientMetadataUrl.getPath() == null || clientMetadataUrl.getPath().length() < 2)) {
                throw new IllegalArgumentException("a client metadata document URL must be https with a path: "
                        + clientMetadataUrl);
            }
        }

        /** The same grant with a pre-registered client instead of dynamic registration; the secret may be null. */
        public AuthorizationCode withClient(String id, String secret) {
            return new AuthorizationCode(Objects.requireNonNull(id, "id"), secret, redirectUri, browser, scope,
                    clientName, clientMetadataUrl);
        }

        /** The same grant asking for {@code newScope}. */
        public AuthorizationCode withScope(String newScope) {
            return new AuthorizationCode(clientId, clientSecret, redirectUri, browser, newScope, clientName,
                    clientMetadataUrl);
        }

        /**
         * The same grant identifying the client by its metadata document at {@code url} where the
         * authorization server supports that, instead of registering dynamically.
         */
        public AuthorizationCode withClientMetadataDocument(URI url) {
            return new AuthorizationCode(clientId, clientSecret, redirectUri, browser, scope, clientName,
                    Objects.requireNonNull(url, "url"));
        }

        @Override
        public String toString() {
            return "AuthorizationCode[" + (clientId == null ? "registers itself" : clientId) + ", " + redirectUri + "]";
        }
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
