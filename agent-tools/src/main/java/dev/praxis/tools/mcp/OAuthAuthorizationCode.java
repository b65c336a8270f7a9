package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praxis.tools.internal.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OAuth 2.1 authorization-code grant with PKCE (S256) for one MCP endpoint, on the person's
 * behalf ({@link OAuthBearer} sends the token and calls here on the server's 401 or 403 asking for
 * more scope): discovers the authorization server, identifies the client by its metadata document
 * where the server supports that, else registers it when no client id is configured (RFC 7591), sends the person's browser to the
 * authorization endpoint with a fresh verifier challenge, state and the {@code resource}
 * parameter (RFC 8707), checks the state of the redirect, exchanges the code with the verifier and
 * refreshes with the refresh_token grant. The same scope is never asked for twice while a token is
 * in time, so a server that keeps refusing cannot loop the client. Secrets, codes and tokens are never logged.
 */
final class OAuthAuthorizationCode implements OAuthGrant {

    private static final Logger log = LoggerFactory.getLogger(OAuthAuthorizationCode.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final McpAuth.AuthorizationCode grant;
    private final URI endpoint;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(OAuthDiscovery.TIMEOUT).build();
    private final OAuthDiscovery discovery;
    private final Set<String> scopesAsked = new HashSet<>();
    private String clientId;
    private String clientSecret;
    private String authMethod;
    private String tokenEndpoint;

    OAuthAuthorizationCode(McpAuth.AuthorizationCode grant, URI endpoint, Clock clock) {
        this.grant = grant;
        this.endpoint = endpoint;
        this.clock = clock;
        this.discovery = new OAuthDiscovery(endpoint, http);
        this.clientId = grant.clientId();
        this.clientSecret = grant.clientSecret();
    }

    @Override
    public Optional<OAuthToken> authorize(Map<String, String> challenge) throws IOException, InterruptedException,
            GeneralSecurityException {
        OAuthDiscovery.Found found = discovery.discover(challenge);
        Optional<String> scope = OAuthDiscovery.scope(grant.scope(), challenge, found.resource());
        if (!scopesAsked.add(scope.orElse(""))) {
            log.debug("the server refused a token for scope '{}' again; not asking a second time", scope.orElse(""));
            return Optional.empty();
        }
        if (clientId == null && grant.clientMetadataUrl() != null
                && found.server().path("client_id_metadata_document_supported").asBoolean(false)) {
            clientId = grant.clientMetadataUrl().toString();
        } else if (clientId == null) {
            register(found.endpoint("registration_endpoint", "/register"));
        }
        String verifier = random(32);
        String state = random(16);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", grant.redirectUri().toString());
        query.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
        query.put("code_challenge_method", "S256");
        query.put("state", state);
        query.put("resource", McpAuth.resourceOf(endpoint));
        scope.ifPresent(s -> query.put("scope", s));
        String authorization = found.endpoint("authorization_endpoint", "/authorize");
        URI back = grant.browser().authorize(URI.create(authorization + (authorization.contains("?") ? "&" : "?")
                + OAuthDiscovery.encode(query)));
        Map<String, String> answer = query(back);
        if (answer.containsKey("error")) {
            throw new McpException("the authorization server refused: " + answer.get("error") + " "
                    + answer.getOrDefault("error_description", ""), null);
        }
        if (!state.equals(answer.get("state")) || !answer.containsKey("code")) {
            throw new McpException("the redirect back from the authorization server has no code or another state;"
                    + " refusing it (possible forged redirect)", null);
        }
        tokenEndpoint = found.endpoint("token_endpoint", "/token");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", answer.get("code"));
        form.put("redirect_uri", grant.redirectUri().toString());
        form.put("code_verifier", verifier);
        form.put("resource", McpAuth.resourceOf(endpoint));
        scope.ifPresent(s -> form.put("scope", s));
        OAuthToken token = requestToken(form);
        log.debug("got an OAuth access token for {} from {}", endpoint, tokenEndpoint);
        return Optional.of(token);
    }

    @Override
    public void expired() {
        scopesAsked.clear();
    }

    @Override
    public Optional<OAuthToken> refresh(String refreshToken) throws IOException, InterruptedException {
        if (tokenEndpoint == null) {
            return Optional.empty();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("resource", McpAuth.resourceOf(endpoint));
        return Optional.of(requestToken(form));
    }

    private void register(String registrationEndpoint) throws IOException, InterruptedException {
        ObjectNode request = Args.JSON.createObjectNode().put("client_name", grant.clientName())
                .put("token_endpoint_auth_method", "none");
        request.putArray("redirect_uris").add(grant.redirectUri().toString());
        request.putArray("grant_types").add("authorization_code").add("refresh_token");
        request.putArray("response_types").add("code");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registrationEndpoint))
                .timeout(OAuthDiscovery.TIMEOUT).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Args.JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2 || !body.hasNonNull("client_id")) {
            throw new McpException("dynamic client registration at " + registrationEndpoint + " answered "
                    + response.statusCode() + ": " + body.path("error").asText("no client_id"), null);
        }
        clientId = body.get("client_id").asText();
        clientSecret = body.hasNonNull("client_secret") ? body.get("client_secret").asText() : null;
        authMethod = body.hasNonNull("token_endpoint_auth_method") ? body.get("token_endpoint_auth_method").asText()
                : null;
        log.debug("registered with the authorization server of {} as client {}", endpoint, clientId);
    }

    /** Posts {@code form} to the token endpoint, authenticated as this client (RFC 6749 section 2.3). */
    private OAuthToken requestToken(Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint));
        if (clientSecret != null && !"client_secret_post".equals(authMethod)) {
            String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
            if (clientSecret != null) {
                form.put("client_secret", clientSecret);
            }
        }
        return OAuthToken.request(http, request, form, clock);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
