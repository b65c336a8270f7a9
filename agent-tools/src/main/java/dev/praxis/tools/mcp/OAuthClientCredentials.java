package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.tools.internal.Args;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OAuth 2 client-credentials for one MCP endpoint: adds the bearer token to each request and,
 * when the server answers 401 (or 403 asking for more scope), discovers the authorization server
 * from the protected-resource metadata, fetches a token and lets the transport retry. Refuses
 * metadata whose {@code resource} is not this endpoint (a server may not send our credentials
 * elsewhere). Thread-safe.
 */
final class OAuthClientCredentials implements McpSyncHttpClientRequestCustomizer, McpHttpClientAuthorizationErrorHandler.Sync {

    private static final Logger log = LoggerFactory.getLogger(OAuthClientCredentials.class);
    private static final Duration TIMEOUT = OAuthDiscovery.TIMEOUT;

    private final McpAuth.ClientCredentials credentials;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock;
    private final OAuthDiscovery discovery;
    private String token;
    private Instant expires = Instant.MIN;

    OAuthClientCredentials(McpAuth.ClientCredentials credentials, URI endpoint, Clock clock) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.clock = clock;
        this.discovery = new OAuthDiscovery(endpoint, http);
    }

    @Override
    public synchronized void customize(HttpRequest.Builder builder, String method, URI uri, String body,
                                       McpTransportContext context) {
        if (token != null && clock.instant().isBefore(expires)) {
            builder.setHeader("Authorization", "Bearer " + token);
        }
    }

    @Override
    public synchronized boolean handle(HttpResponse.ResponseInfo response, McpTransportContext context) {
        if (response.statusCode() != 401 && response.statusCode() != 403) {
            return false;
        }
        Map<String, String> challenge = OAuthDiscovery.challenge(response.headers().firstValue("WWW-Authenticate").orElse(""));
        if (response.statusCode() == 403 && !"insufficient_scope".equals(challenge.get("error"))) {
            return false;
        }
        try {
            fetchToken(challenge);
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new McpException("could not get an OAuth token for " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException("interrupted while getting an OAuth token for " + endpoint, e);
        }
    }

    private void fetchToken(Map<String, String> challenge) throws IOException, InterruptedException,
            GeneralSecurityException {
        OAuthDiscovery.Found found = discovery.discover(challenge);
        String tokenEndpoint = found.endpoint("token_endpoint", "/token");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("resource", McpAuth.resourceOf(endpoint));
        OAuthDiscovery.scope(credentials.scope(), challenge, found.resource()).ifPresent(s -> form.put("scope", s));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        authenticate(request, form, found.server(), found.issuer(), tokenEndpoint);
        HttpResponse<String> answer = http.send(request.POST(HttpRequest.BodyPublishers.ofString(
                OAuthDiscovery.encode(form))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Args.JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new McpException("the token endpoint answered " + answer.statusCode() + ": "
                    + body.path("error").asText("no access_token") + " " + body.path("error_description").asText(""),
                    null);
        }
        token = body.get("access_token").asText();
        expires = clock.instant().plusSeconds(body.path("expires_in").asLong(3600)).minusSeconds(30);
        log.debug("got an OAuth access token for {} from {}", endpoint, tokenEndpoint);
    }

    private void authenticate(HttpRequest.Builder request, Map<String, String> form, JsonNode as, String issuer,
                              String tokenEndpoint) throws GeneralSecurityException {
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
