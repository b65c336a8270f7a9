package dev.praxis.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.praxis.tool.Toolbox;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tools.math.MathTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authorization-code grant with PKCE against a loopback authorization server that guards a
 * real Praxis MCP server: discovery, dynamic registration, the browser round trip, the code
 * exchange checked against the challenge, and a forged redirect refused.
 */
class OAuthAuthorizationCodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient forward = HttpClient.newHttpClient();
    private final List<String> registrations = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private McpHttpEndpoint mcp;
    private HttpServer gateway;
    private String base;
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile String challenge;
    /** Lifetime of the first access token; 0 makes it expire as it arrives. */
    private volatile int firstExpiresIn = 3600;
    private volatile boolean refreshAccepted = true;
    private volatile boolean cimd;

    @BeforeEach
    void start() throws IOException {
        mcp = McpToolServer.of(Toolbox.of(MathTool.create()), "guarded", "1").serveHttp(0);
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + gateway.getAddress().getPort();
        gateway.createContext("/", this::handle);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
        mcp.close();
    }

    @Test
    void registersSendsThePersonToAuthorizeAndExchangesTheCodeWithTheVerifier() {
        McpAuth auth = McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"), this::approve);

        try (McpClientTools client = McpClientTools.builder().http(base + "/mcp").auth(auth).connect()) {
            assertThat(client.tools().get(0).execute(new ToolCall("1", "calculate", "{\"expression\":\"6*7\"}"),
                    ToolContext.NONE).text()).isEqualTo("42");
        }

        assertThat(registrations).singleElement().asString().contains("\"redirect_uris\":[\"http://127.0.0.1:1/callback\"]");
        Map<String, String> asked = authorizations.get(0);
        assertThat(asked).containsEntry("client_id", "dyn-1").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256").containsEntry("resource", base + "/mcp")
                .containsEntry("scope", "calc:use");
        Map<String, String> exchanged = tokenRequests.get(0);
        assertThat(exchanged).containsEntry("grant_type", "authorization_code").containsEntry("code", "code-1")
                .containsEntry("client_id", "dyn-1").containsEntry("resource", base + "/mcp");
        assertThat(s256(exchanged.get("code_verifier"))).isEqualTo(asked.get("code_challenge"));
    }

    @Test
    void aRedirectWithAnotherStateIsRefusedAndNoCodeIsExchanged() {
        McpAuth auth = McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"),
                url -> URI.create(approve(url).toString().replaceAll("state=[^&]*", "state=forged")));

        assertThatThrownBy(() -> McpClientTools.builder().http(base + "/mcp").auth(auth).connect())
                .hasStackTraceContaining("another state");
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefreshedWithoutSendingThePersonBack() {
        firstExpiresIn = 0;
        McpAuth auth = McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"), this::approve);

        try (McpClientTools client = McpClientTools.builder().http(base + "/mcp").auth(auth).connect()) {
            assertThat(client.tools().get(0).execute(new ToolCall("1", "calculate", "{\"expression\":\"6*7\"}"),
                    ToolContext.NONE).text()).isEqualTo("42");
        }

        assertThat(authorizations).hasSize(1);
        assertThat(tokenRequests).extracting(f -> f.get("grant_type"))
                .containsExactly("authorization_code", "refresh_token");
        assertThat(tokenRequests.get(1)).containsEntry("refresh_token", "refresh-1").containsEntry("client_id", "dyn-1")
                .containsEntry("resource", base + "/mcp");
    }

    @Test
    void aRefusedRefreshSendsThePersonToAuthorizeAgain() {
        firstExpiresIn = 0;
        refreshAccepted = false;
        McpAuth auth = McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"), this::approve);

        try (McpClientTools client = McpClientTools.builder().http(base + "/mcp").auth(auth).connect()) {
            assertThat(client.tools().get(0).execute(new ToolCall("1", "calculate", "{\"expression\":\"6*7\"}"),
                    ToolContext.NONE).text()).isEqualTo("42");
        }

        assertThat(authorizations).hasSize(2);
        assertThat(tokenRequests).extracting(f -> f.get("grant_type"))
                .containsExactly("authorization_code", "refresh_token", "authorization_code");
    }

    @Test
    void usesItsMetadataDocumentAsClientIdWhereTheServerSupportsIt() {
        cimd = true;
        McpAuth auth = McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"), this::approve)
                .withClientMetadataDocument(URI.create("https://agent.example.com/client.json"));

        try (McpClientTools client = McpClientTools.builder().http(base + "/mcp").auth(auth).connect()) {
            assertThat(client.tools()).isNotEmpty();
        }

        assertThat(registrations).isEmpty();
        assertThat(authorizations.get(0)).containsEntry("client_id", "https://agent.example.com/client.json");
        assertThat(tokenRequests.get(0)).containsEntry("client_id", "https://agent.example.com/client.json");
    }

    @Test
    void registersWhenTheServerDoesNotSupportMetadataDocuments() {
        McpAuth auth = McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"), this::approve)
                .withClientMetadataDocument(URI.create("https://agent.example.com/client.json"));

        try (McpClientTools client = McpClientTools.builder().http(base + "/mcp").auth(auth).connect()) {
            assertThat(client.tools()).isNotEmpty();
        }

        assertThat(registrations).hasSize(1);
        assertThat(authorizations.get(0)).containsEntry("client_id", "dyn-1");
    }

    /** The person approves: the authorization endpoint's redirect is where the browser ends up. */
    private URI approve(URI authorizationUrl) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.discarding());
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        switch (path) {
            case "/.well-known/oauth-protected-resource/mcp" -> json(exchange, 200, Map.of("resource", base + "/mcp",
                    "authorization_servers", List.of(base), "scopes_supported", List.of("calc:use")));
            case "/.well-known/oauth-authorization-server" -> json(exchange, 200, Map.of("issuer", base,
                    "authorization_endpoint", base + "/authorize", "token_endpoint", base + "/token",
                    "registration_endpoint", base + "/register", "code_challenge_methods_supported", List.of("S256"),
                    "client_id_metadata_document_supported", cimd));
            case "/register" -> {
                registrations.add(body);
                json(exchange, 201, Map.of("client_id", "dyn-1"));
            }
            case "/authorize" -> {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                authorizations.add(query);
                challenge = query.get("code_challenge");
                exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=code-1&state="
                        + query.get("state"));
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            }
            case "/token" -> {
                Map<String, String> form = form(body);
                tokenRequests.add(form);
                boolean verified = form.get("grant_type").equals("refresh_token")
                        ? refreshAccepted && "refresh-1".equals(form.get("refresh_token"))
                        : "code-1".equals(form.get("code")) && challenge != null
                                && challenge.equals(s256(form.get("code_verifier")));
                if (verified) {
                    issued.add("token-" + (issued.size() + 1));
                }
                json(exchange, verified ? 200 : 400, verified ? Map.of("access_token", issued.get(issued.size() - 1),
                        "expires_in", issued.size() == 1 ? firstExpiresIn : 3600, "refresh_token", "refresh-1")
                        : Map.of("error", "invalid_grant"));
            }
            case "/mcp" -> guarded(exchange, body);
            default -> json(exchange, 404, Map.of("error", "not_found"));
        }
    }

    /** The MCP endpoint behind the token: anything else gets the challenge naming the metadata. */
    private void guarded(HttpExchange exchange, String body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !issued.contains(authorization.substring("Bearer ".length()))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer resource_metadata=\"" + base
                    + "/.well-known/oauth-protected-resource/mcp\"");
            json(exchange, 401, Map.of("error", "invalid_token"));
            return;
        }
        if (exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mcp.url()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofString(body));
        for (String header : List.of("Content-Type", "Accept", "Mcp-Session-Id", "MCP-Protocol-Version")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            answer.headers().firstValue("Mcp-Session-Id").ifPresent(v -> exchange.getResponseHeaders().add("Mcp-Session-Id", v));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
