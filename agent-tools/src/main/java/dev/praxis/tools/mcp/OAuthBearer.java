package dev.praxis.tools.mcp;

import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth side of one MCP HTTP connection, whatever the grant: sends the current access token
 * as a bearer token; when it has expired, refreshes it with its refresh token if there is one,
 * and authorizes again (for the server's last challenge) when there is none or the refresh is refused;
 * on the server's 401, or 403 {@code insufficient_scope}, asks the {@link OAuthGrant} for a new
 * token and lets the transport retry. A token the server rejects is refreshed once, then
 * replaced through the grant. Tokens are never logged. Thread-safe.
 */
final class OAuthBearer implements McpSyncHttpClientRequestCustomizer, McpHttpClientAuthorizationErrorHandler.Sync {

    private static final Logger log = LoggerFactory.getLogger(OAuthBearer.class);

    private final OAuthGrant grant;
    private final URI endpoint;
    private final Clock clock;
    private OAuthToken token;
    private boolean refreshedSinceRejection;
    private Map<String, String> lastChallenge = Map.of();

    OAuthBearer(OAuthGrant grant, URI endpoint, Clock clock) {
        this.grant = grant;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public synchronized void customize(HttpRequest.Builder builder, String method, URI uri, String body,
                                       McpTransportContext context) {
        if (token != null && !token.usableAt(clock.instant())) {
            grant.expired();
            token = token.refresh() == null ? null : refreshed(token.refresh()).orElse(null);
            if (token == null) {
                // the transport retries a rejected request only once, so renew before sending, not after the 401
                authorize(lastChallenge);
            }
        }
        if (token != null) {
            builder.setHeader("Authorization", "Bearer " + token.access());
        }
    }

    @Override
    public synchronized boolean handle(HttpResponse.ResponseInfo response, McpTransportContext context) {
        if (response.statusCode() != 401 && response.statusCode() != 403) {
            return false;
        }
        Map<String, String> challenge = OAuthDiscovery.challenge(response.headers().firstValue("WWW-Authenticate")
                .orElse(""));
        if (response.statusCode() == 403 && !"insufficient_scope".equals(challenge.get("error"))) {
            return false;
        }
        if (response.statusCode() == 401 && token != null && token.refresh() != null && !refreshedSinceRejection) {
            refreshedSinceRejection = true;
            Optional<OAuthToken> refreshed = refreshed(token.refresh());
            if (refreshed.isPresent()) {
                token = refreshed.get();
                return true;
            }
        }
        lastChallenge = challenge;
        return authorize(challenge);
    }

    private boolean authorize(Map<String, String> challenge) {
        try {
            Optional<OAuthToken> fresh = grant.authorize(challenge);
            fresh.ifPresent(t -> {
                token = t;
                refreshedSinceRejection = false;
            });
            return fresh.isPresent();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new McpException("could not get an OAuth token for " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException("interrupted while getting an OAuth token for " + endpoint, e);
        }
    }

    /** The refreshed token, or empty when the grant cannot refresh or the server refused (logged, not thrown). */
    private Optional<OAuthToken> refreshed(String refreshToken) {
        try {
            Optional<OAuthToken> fresh = grant.refresh(refreshToken);
            fresh.ifPresent(t -> log.debug("refreshed the OAuth access token for {}", endpoint));
            return fresh.map(t -> t.refresh() == null ? new OAuthToken(t.access(), t.expires(), refreshToken) : t);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.debug("refreshing the OAuth token for {} failed ({}); authorizing again", endpoint, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
