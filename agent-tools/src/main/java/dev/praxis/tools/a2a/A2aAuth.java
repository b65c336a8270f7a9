package dev.praxis.tools.a2a;

import io.a2a.spec.APIKeySecurityScheme;
import io.a2a.spec.AgentCard;
import io.a2a.spec.HTTPAuthSecurityScheme;
import io.a2a.spec.SecurityScheme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an {@link A2aServer} authenticates callers, declared in its agent card as an A2A security
 * scheme so clients (the SDK's, and {@link A2aAgent#withCredential}) know what to send: a bearer
 * token ({@code Authorization: Bearer ...}, scheme {@code bearer}) or an API key in a header
 * (scheme {@code apiKey}). The card stays public; every JSON-RPC request without valid
 * credentials gets HTTP 401. The authenticated name is the caller's: its A2A contexts are its
 * own sessions (memory user), and it sees and cancels only its own tasks. Immutable.
 *
 * <pre>{@code
 * A2aServer.start(agent, card, address, A2aAuth.bearer(System.getenv("A2A_TOKEN")));
 * }</pre>
 */
public final class A2aAuth {

    private final String schemeName;
    private final SecurityScheme scheme;
    private final Function<Function<String, String>, Optional<String>> check;

    private A2aAuth(String schemeName, SecurityScheme scheme, Function<Function<String, String>, Optional<String>> check) {
        this.schemeName = schemeName;
        this.scheme = scheme;
        this.check = check;
    }

    /**
     * One shared bearer token; callers presenting it are named {@code "bearer"}. Compared in
     * constant time.
     *
     * @throws IllegalArgumentException if the token is shorter than 16 characters
     */
    public static A2aAuth bearer(String token) {
        byte[] expected = secret(token);
        return bearer(presented -> MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))
                ? Optional.of("bearer") : Optional.empty());
    }

    /**
     * Bearer tokens checked by {@code users}, which names the caller a token belongs to (empty
     * for an unknown token), e.g. a JWT validator or a token table.
     */
    public static A2aAuth bearer(Function<String, Optional<String>> users) {
        Objects.requireNonNull(users, "users");
        return new A2aAuth("bearer", new HTTPAuthSecurityScheme.Builder().scheme("bearer")
                .description("Authorization: Bearer <token>").build(), header -> {
            String value = header.apply("Authorization");
            return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? users.apply(value.substring(7).strip()) : Optional.empty();
        });
    }

    /**
     * One API key sent in the header {@code headerName}; callers presenting it are named
     * {@code "apiKey"}. Compared in constant time.
     *
     * @throws IllegalArgumentException if the key is shorter than 16 characters or the header name is blank
     */
    public static A2aAuth apiKey(String headerName, String key) {
        Objects.requireNonNull(headerName, "headerName");
        if (headerName.isBlank()) {
            throw new IllegalArgumentException("the API key needs a header name");
        }
        byte[] expected = secret(key);
        return new A2aAuth("apiKey", new APIKeySecurityScheme.Builder().in("header").name(headerName)
                .description("API key in the " + headerName + " header").build(), header -> {
            String value = header.apply(headerName);
            return value != null && MessageDigest.isEqual(expected, value.getBytes(StandardCharsets.UTF_8))
                    ? Optional.of("apiKey") : Optional.empty();
        });
    }

    private static byte[] secret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("an A2A secret must be at least 16 characters, got " + secret.length());
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The caller named by a request's headers ({@code header} gives a header's first value or null); empty to refuse. */
    Optional<String> authenticate(Function<String, String> header) {
        return check.apply(header);
    }

    /** The HTTP challenge for a refused request. */
    String challenge() {
        return "bearer".equals(schemeName) ? "Bearer realm=\"a2a\"" : "ApiKey realm=\"a2a\"";
    }

    /** {@code card} declaring this scheme as required. */
    AgentCard declaredIn(AgentCard card) {
        return new AgentCard.Builder(card).securitySchemes(Map.of(schemeName, scheme))
                .security(List.of(Map.of(schemeName, List.of()))).build();
    }
}
