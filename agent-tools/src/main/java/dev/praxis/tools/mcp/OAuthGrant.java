package dev.praxis.tools.mcp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;

/**
 * How one OAuth grant gets a token for an MCP endpoint; {@link OAuthBearer} does the rest
 * (sending it, noticing expiry and the server's challenges). Called under the bearer's lock.
 */
interface OAuthGrant {

    /**
     * A new token for the server's {@code challenge} (the parameters of its
     * {@code WWW-Authenticate} header, possibly empty), or empty to give up so the request fails
     * (for example when the same scope was already refused).
     */
    Optional<OAuthToken> authorize(Map<String, String> challenge) throws IOException, InterruptedException,
            GeneralSecurityException;

    /**
     * The token it gave out has run out of time (not been refused): a new authorization for the
     * same scope is a renewal, not a loop.
     */
    default void expired() {
    }

    /**
     * A new token from {@code refreshToken} (the refresh_token grant), or empty when this grant
     * cannot refresh; throws when the authorization server refuses.
     */
    default Optional<OAuthToken> refresh(String refreshToken) throws IOException, InterruptedException,
            GeneralSecurityException {
        return Optional.empty();
    }
}
