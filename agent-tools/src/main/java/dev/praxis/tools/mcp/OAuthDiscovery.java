package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praxis.tools.internal.Args;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds where an MCP endpoint's tokens come from: its protected-resource metadata (RFC 9728,
 * from the {@code WWW-Authenticate} challenge or the well-known paths), which must name this
 * endpoint, and its authorization server's metadata (RFC 8414 / OpenID discovery). Shared by the
 * OAuth grants of {@link McpAuth}.
 */
final class OAuthDiscovery {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final URI endpoint;
    private final HttpClient http;

    OAuthDiscovery(URI endpoint, HttpClient http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    /** What the endpoint's metadata and its authorization server say, for one challenge. */
    record Found(JsonNode resource, String issuer, JsonNode server) {
        String endpoint(String name, String fallbackPath) {
            return server.path(name).asText(URI.create(issuer).resolve(fallbackPath).toString());
        }
    }

    /**
     * The metadata for {@code challenge}, refusing metadata that names another resource (a
     * server may not send our credentials elsewhere).
     */
    Found discover(Map<String, String> challenge) throws IOException, InterruptedException {
        JsonNode prm = protectedResource(challenge.get("resource_metadata"));
        String resource = McpAuth.resourceOf(endpoint);
        if (prm.hasNonNull("resource") && !sameResource(prm.get("resource").asText(), resource)) {
            throw new McpException("the server's metadata names another resource (" + prm.get("resource").asText()
                    + "), refusing to send credentials for it", null);
        }
        String issuer = prm.path("authorization_servers").path(0).asText(endpoint.resolve("/").toString());
        return new Found(prm, issuer, authorizationServer(URI.create(issuer)));
    }

    /** The scope to ask for: the caller's, else the challenge's, else all the metadata advertises, else none. */
    static Optional<String> scope(String configured, Map<String, String> challenge, JsonNode prm) {
        if (configured != null) {
            return Optional.of(configured);
        }
        if (challenge.containsKey("scope")) {
            return Optional.of(challenge.get("scope"));
        }
        List<String> supported = new ArrayList<>();
        prm.path("scopes_supported").forEach(s -> supported.add(s.asText()));
        return supported.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", supported));
    }

    private JsonNode protectedResource(String advertised) throws IOException, InterruptedException {
        List<URI> candidates = new ArrayList<>();
        if (advertised != null) {
            candidates.add(endpoint.resolve(advertised));
        }
        String path = endpoint.getPath() == null || endpoint.getPath().equals("/") ? "" : endpoint.getPath();
        if (!path.isEmpty()) {
            candidates.add(endpoint.resolve("/.well-known/oauth-protected-resource" + path));
        }
        candidates.add(endpoint.resolve("/.well-known/oauth-protected-resource"));
        return firstJson(candidates).orElse(Args.JSON.createObjectNode());
    }

    private JsonNode authorizationServer(URI issuer) throws IOException, InterruptedException {
        String path = issuer.getPath() == null || issuer.getPath().equals("/") ? "" : issuer.getPath();
        List<URI> candidates = path.isEmpty()
                ? List.of(issuer.resolve("/.well-known/oauth-authorization-server"),
                        issuer.resolve("/.well-known/openid-configuration"))
                : List.of(issuer.resolve("/.well-known/oauth-authorization-server" + path),
                        issuer.resolve("/.well-known/openid-configuration" + path),
                        issuer.resolve(path + "/.well-known/openid-configuration"));
        return firstJson(candidates).orElse(Args.JSON.createObjectNode());
    }

    private Optional<JsonNode> firstJson(List<URI> candidates) throws IOException, InterruptedException {
        for (URI uri : candidates) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Optional.of(Args.JSON.readTree(response.body()));
            }
        }
        return Optional.empty();
    }

    private static boolean sameResource(String advertised, String ours) {
        return strip(advertised).equals(strip(ours)) || strip(ours).startsWith(strip(advertised) + "/");
    }

    private static String strip(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The parameters of a {@code WWW-Authenticate: Bearer k="v", ...} challenge. */
    static Map<String, String> challenge(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return params;
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
