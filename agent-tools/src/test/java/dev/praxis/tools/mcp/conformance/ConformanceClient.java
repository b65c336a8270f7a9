package dev.praxis.tools.mcp.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolCaller;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tools.mcp.McpAuth;
import dev.praxis.tools.mcp.McpClientTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client the conformance suite launches with {@code --command}: the server URL is the last
 * argument, the scenario and its context (credentials) come in environment variables. It uses
 * only Praxis's public API and exits 1 when a call fails.
 */
public final class ConformanceClient {

    private ConformanceClient() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
        String contextJson = System.getenv("MCP_CONFORMANCE_CONTEXT");
        JsonNode context = new ObjectMapper().readTree(contextJson == null ? "{}" : contextJson);
        McpClientTools.Builder builder = McpClientTools.builder().http(args[args.length - 1])
                .auth(auth(context)).elicitation(ConformanceClient::acceptDefaults);
        int exit = 0;
        try (McpClientTools client = builder.connect()) {
            for (Tool tool : client.tools()) {
                String arguments = tool.name().equals("add_numbers") ? "{\"a\":5,\"b\":3}" : "{}";
                ToolResult result = tool.execute(new ToolCall("1", tool.name(), arguments), ToolContext.NONE);
                System.out.println(tool.name() + " -> " + result.text());
                if (!(result instanceof ToolResult.Ok)) {
                    exit = 1;
                }
            }
        }
        System.out.println("scenario " + scenario + " done");
        System.exit(exit);
    }

    private static McpAuth auth(JsonNode context) throws Exception {
        if (context.hasNonNull("client_secret")) {
            return McpAuth.clientCredentials(context.get("client_id").asText(), context.get("client_secret").asText());
        }
        if (context.hasNonNull("private_key_pem")) {
            return McpAuth.clientCredentials(context.get("client_id").asText(),
                    pem(context.get("private_key_pem").asText()));
        }
        return McpAuth.authorizationCode(URI.create("http://127.0.0.1:1/callback"), ConformanceClient::approve)
                .withClientMetadataDocument(URI.create("https://conformance-test.local/client-metadata.json"));
    }

    /** The person approves at once: the authorization endpoint's redirect is where the browser ends up. */
    private static URI approve(URI authorizationUrl) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.discarding());
            return URI.create(response.headers().firstValue("Location").orElseThrow(() ->
                    new IllegalStateException("the authorization endpoint answered " + response.statusCode()
                            + " without a redirect")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey pem(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The user of this client accepts every field's default. */
    @SuppressWarnings("unchecked")
    private static ToolCaller.Elicitation acceptDefaults(String message, Map<String, Object> schema) {
        Map<String, Object> content = new LinkedHashMap<>();
        Object properties = schema.get("properties");
        if (properties instanceof Map<?, ?> fields) {
            fields.forEach((name, field) -> {
                if (field instanceof Map<?, ?> f && f.get("default") != null) {
                    content.put((String) name, f.get("default"));
                }
            });
        }
        return new ToolCaller.Elicitation.Accepted(content);
    }
}
