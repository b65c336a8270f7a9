package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.tools.internal.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth 2 client-credentials grant for one MCP endpoint ({@link OAuthBearer} sends and renews
 * the token): discovers the authorization server from the protected-resource metadata, which must
 * name this endpoint (a server may not send our credentials elsewhere), and asks its token endpoint
 * with the client's secret or a signed assertion. A new token is fetched when the server rejects
 * the current one; this grant has no refresh tokens (RFC 6749 section 4.4.3).
 */
final class OAuthClientCredentials implements OAuthGrant {

    private static final Logger log = LoggerFactory.getLogger(OAuthClientCredentials.class);

    private final McpAuth.ClientCredentials credentials;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(OAuthDiscovery.TIMEOUT).build();
    private final Clock clock;
    private final OAuthDiscovery discovery;

    OAuthClientCredentials(McpAuth.ClientCredentials credentials, URI endpoint, Clock clock) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.clock = clock;
        this.discovery = new OAuthDiscovery(endpoint, http);
    }

    @Override
    public Optional<OAuthToken> authorize(Map<String, String> challenge) throws IOException, InterruptedException,
            GeneralSecurityException {
        OAuthDiscovery.Found found = discovery.discover(challenge);
        String tokenEndpoint = found.endpoint("token_endpoint", "/token");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("resource", McpAuth.resourceOf(endpoint));
        OAuthDiscovery.scope(credentials.scope(), challenge, found.resource()).ifPresent(s -> form.put("scope", s));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint));
        authenticate(request, form, found.server(), found.issuer());
        OAuthToken token = OAuthToken.request(http, request, form, clock);
        log.debug("got an OAuth access token for {} from {}", endpoint, tokenEndpoint);
        return Optional.of(token);
    }

    private void authenticate(HttpRequest.Builder request, Map<String, String> form, JsonNode as, String issuer)
            throws GeneralSecurityException {
        if (credentials.key() != null) {
            form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            form.put("client_assertion", assertion(as.path("issuer").asText(issuer)));
            return;
        }
        List<String> methods = new ArrayList<>();
        as.path("token_endpoint_auth_methods_supported").forEach(m -> methods.add(m.asText()));
        if (!methods.isEmpty() && !methods.contains("client_secret_basic") && methods.contains("client_secret_post")) {
            form.put("client_id", credentials.clientId());
            form.put("client_secret", credentials.clientSecret());
        } else {
            String pair = URLEncoder.encode(credentials.clientId(), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(credentials.clientSecret(), StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** A signed client assertion (RFC 7523) for the authorization server {@code audience}. */
    private String assertion(String audience) throws GeneralSecurityException {
        boolean ec = credentials.key() instanceof ECPrivateKey;
        String header = "{\"alg\":\"" + (ec ? "ES256" : "RS256") + "\",\"typ\":\"JWT\"}";
        long now = clock.instant().getEpochSecond();
        String claims = "{\"iss\":" + quote(credentials.clientId()) + ",\"sub\":" + quote(credentials.clientId())
                + ",\"aud\":" + quote(audience) + ",\"iat\":" + now + ",\"exp\":" + (now + 300)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
        signer.initSign(credentials.key());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signer.sign());
    }

    private static String quote(String s) {
        try {
            return Args.JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
