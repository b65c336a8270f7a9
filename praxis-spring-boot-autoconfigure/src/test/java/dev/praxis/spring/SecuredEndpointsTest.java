package dev.praxis.spring;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security in the application, Praxis's web endpoints (approvals, MCP, A2A) are
 * guarded by the application's own security: without credentials they answer 401, with them
 * the request reaches Praxis. Real HTTP on a random port.
 */
@SpringBootTest(classes = SecuredEndpointsTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"praxis.model=openai:gpt-4o-mini", "praxis.api-key=sk-secured-test",
                "praxis.web.approvals.enabled=true", "praxis.web.mcp.enabled=true", "praxis.web.mcp.tools=balance",
                "praxis.web.a2a.enabled=true",
                "spring.security.user.name=ops", "spring.security.user.password=correct-horse-battery"})
class SecuredEndpointsTest {

    /** For tests that run without security although it is on the test classpath. */
    static final String WITHOUT_SECURITY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";
    private static final LoopbackBackends BACKENDS = new LoopbackBackends("sk-secured-test");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString(
            "ops:correct-horse-battery".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        BACKENDS.register(registry);
    }

    @AfterAll
    static void stopModel() throws java.io.IOException {
        BACKENDS.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Payments payments() {
            return new Payments();
        }

        // The application's security: everything authenticated, HTTP Basic, no CSRF for the JSON APIs.
        // tag::security[]
        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/praxis/**", "/mcp", "/mcp/**", "/a2a"))
                    .build();
        }
        // end::security[]
    }

    @Test
    void withoutCredentialsEveryPraxisEndpointAnswers401() throws Exception {
        assertThat(send(get("/praxis/approvals"), null).statusCode()).isEqualTo(401);
        assertThat(send(post("/a2a", tasksGet()), null).statusCode()).isEqualTo(401);
        assertThat(send(get("/.well-known/agent-card.json"), null).statusCode()).isEqualTo(401);
        assertThat(send(post("/mcp", initialize()), null).statusCode()).isEqualTo(401);
        assertThat(send(get("/praxis/approvals"), "Basic " + Base64.getEncoder().encodeToString(
                "ops:wrong".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
    }

    @Test
    void withCredentialsTheRequestsReachPraxis() throws Exception {
        HttpResponse<String> approvals = send(get("/praxis/approvals"), OPS);
        HttpResponse<String> a2a = send(post("/a2a", tasksGet()), OPS);
        HttpResponse<String> card = send(get("/.well-known/agent-card.json"), OPS);
        HttpResponse<String> mcp = send(post("/mcp", initialize()), OPS);

        assertThat(approvals.statusCode()).isEqualTo(200);
        assertThat(approvals.body()).startsWith("[");
        assertThat(a2a.statusCode()).isEqualTo(200);
        assertThat(a2a.body()).as("the A2A endpoint answered: no such task").contains("\"code\":-32001");
        assertThat(card.body()).contains("\"name\":\"agent\"");
        assertThat(mcp.statusCode()).isEqualTo(200);
        assertThat(mcp.body()).contains("serverInfo");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tasksGet() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tasks/get\",\"params\":{\"id\":\"none\"}}";
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    }
}
