package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.tools.internal.Args;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An access token from a token endpoint, when it stops being usable, and the refresh token that
 * came with it (null when none). {@link #toString()} never shows a token.
 */
record OAuthToken(String access, Instant expires, String refresh) {

    /** Tokens are used up to this long before the server's stated expiry, for clock skew and latency. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    OAuthToken {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(expires, "expires");
    }

    boolean usableAt(Instant now) {
        return now.isBefore(expires);
    }

    /**
     * Posts {@code form} to the token endpoint {@code request} and reads the answer (RFC 6749
     * section 5): an access token, or {@link McpException} naming the server's error.
     */
    static OAuthToken request(HttpClient http, HttpRequest.Builder request, Map<String, String> form, Clock clock)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.timeout(OAuthDiscovery.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthDiscovery.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = answer.body().isBlank() ? Args.JSON.createObjectNode() : Args.JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new McpException("the token endpoint answered " + answer.statusCode() + ": "
                    + body.path("error").asText("no access_token") + " " + body.path("error_description").asText(""),
                    null);
        }
        Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(3600));
        Instant expires = clock.instant().plus(lifetime).minus(MARGIN.compareTo(lifetime) < 0 ? MARGIN
                : lifetime.dividedBy(2));
        return new OAuthToken(body.get("access_token").asText(), expires,
                body.hasNonNull("refresh_token") ? body.get("refresh_token").asText() : null);
    }

    @Override
    public String toString() {
        return "OAuthToken[***, expires " + expires + (refresh == null ? "" : ", refreshable") + "]";
    }
}
