package dev.praxis.tools.http;

import dev.praxis.tool.ToolException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.praxis.tools.http.LoopbackServer.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP client connects to the addresses the policy checked, never to a second DNS answer. */
class DnsRebindingTest {

    private final LoopbackServer server = new LoopbackServer();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpFetcher fetcher(NetworkPolicy policy) {
        return new HttpFetcher(policy, Duration.ofSeconds(5), 1000, 5);
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckIsRefusedWhenConnecting() {
        server.on("/secret", ex -> reply(ex, 200, "text/plain", "internal secret".getBytes(StandardCharsets.UTF_8)));
        AtomicInteger lookups = new AtomicInteger();
        NetworkPolicy policy = NetworkPolicy.publicOnly().withResolver(host -> lookups.incrementAndGet() == 1
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})}
                : new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});

        assertThatThrownBy(() -> fetcher(policy).get("http://rebind.test:" + server.port() + "/secret", Map.of()))
                .isInstanceOf(ToolException.class)
                .hasMessage("refused to connect: host 'rebind.test' is 127.0.0.1, a loopback address; only public"
                        + " internet hosts may be fetched");
        assertThat(lookups).as("checked once as text, resolved once for the connection").hasValue(2);
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void connectsToTheResolvedAddressAndKeepsTheHostName() {
        server.on("/hello", ex -> {
            hostHeaders.add(ex.getRequestHeaders().getFirst("Host"));
            reply(ex, 200, "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
        });
        // a name no system resolver knows: the request can only get there through the policy's resolver
        NetworkPolicy policy = NetworkPolicy.publicOnly().allowing("wiki.intranet.test")
                .withResolver(host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});

        HttpFetcher.Response response = fetcher(policy).get("http://wiki.intranet.test:" + server.port() + "/hello",
                Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("hi");
        assertThat(hostHeaders).containsExactly("wiki.intranet.test:" + server.port());
    }

    @Test
    @Timeout(30)
    void aBodyThatNeverEndsIsCutAtTheCap() {
        server.on("/endless", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = "y".repeat(4096).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(chunk);
                }
            } catch (IOException closedByClient) {
                // expected: the client hangs up after the cap
            }
        });
        NetworkPolicy policy = NetworkPolicy.publicOnly().allowing(server.hostPort());

        HttpFetcher.Response response = fetcher(policy).get(server.url("/endless"), Map.of());

        assertThat(response.truncated()).isTrue();
        assertThat(response.body()).hasSize(1000);
    }

    @Test
    void aPolicyThatOpensNothingRefusesEveryOtherHostAtConnectToo() {
        NetworkPolicy policy = NetworkPolicy.none().allowing("127.0.0.1:" + server.port())
                .withResolver(host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})});

        assertThatThrownBy(() -> policy.connectable("public.example.test", 80))
                .isInstanceOf(ToolException.class)
                .hasMessageStartingWith("refused to connect: host 'public.example.test:80' is not one of the hosts");
    }
}
