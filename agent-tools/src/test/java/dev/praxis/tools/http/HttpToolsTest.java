package dev.praxis.tools.http;

import dev.praxis.tool.ToolCall;
import dev.praxis.tool.ToolContext;
import dev.praxis.tool.ToolResult;
import dev.praxis.tool.Toolbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
import static dev.praxis.tools.http.LoopbackServer.redirect;
import static dev.praxis.tools.http.LoopbackServer.reply;
import static org.assertj.core.api.Assertions.assertThat;

class HttpToolsTest {

    private final LoopbackServer server = new LoopbackServer();
    private final LoopbackServer other = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
        other.close();
    }

    private Toolbox toolbox(NetworkPolicy policy) {
        return Toolbox.of(HttpTools.with(new HttpFetcher(policy, Duration.ofSeconds(2), 1000, 5)));
    }

    private static ToolResult get(Toolbox toolbox, String url) {
        return toolbox.execute(new ToolCall("c1", "http_get", instance.objectNode().put("url", url).toString()),
                new ToolContext("run", 1, null));
    }

    @Test
    void getsAndPostsToAnExplicitlyOpenedLoopbackServer() {
        server.on("/hello", ex -> reply(ex, 200, "text/plain; charset=utf-8", "héllo".getBytes(StandardCharsets.UTF_8)))
                .on("/orders", ex -> reply(ex, 201, "application/json", "{\"id\":7}".getBytes(StandardCharsets.UTF_8)));
        Toolbox toolbox = toolbox(NetworkPolicy.publicOnly().allowing(server.hostPort()));

        ToolResult got = get(toolbox, server.url("/hello"));
        ToolResult posted = toolbox.execute(new ToolCall("c2", "http_post", instance.objectNode()
                .put("url", server.url("/orders")).put("body", "{\"item\":\"tea\"}").toString()),
                new ToolContext("run", 3, null));

        assertThat(got.text()).isEqualTo("HTTP 200 " + server.url("/hello") + "\ncontent-type: text/plain; charset=utf-8\n\nhéllo");
        assertThat(posted.text()).startsWith("HTTP 201").endsWith("{\"id\":7}");
        assertThat(server.seen()).last().isEqualTo(new LoopbackServer.Seen("POST", "/orders", "{\"item\":\"tea\"}",
                "application/json", "run/3/c2"));
    }

    @Test
    void followsRedirectWithinOpenedHostAndCutsLargeBodies() {
        server.on("/old", ex -> redirect(ex, 302, "/big"))
                .on("/big", ex -> reply(ex, 200, "text/plain", "x".repeat(5000).getBytes(StandardCharsets.UTF_8)))
                .on("/img", ex -> reply(ex, 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        Toolbox toolbox = toolbox(NetworkPolicy.publicOnly().allowing(server.hostPort()));

        String text = get(toolbox, server.url("/old")).text();

        assertThat(text).startsWith("HTTP 200 " + server.url("/big")).contains("x".repeat(1000))
                .doesNotContain("x".repeat(1001)).endsWith("[truncated: the body is longer than 1000 bytes; only the beginning is shown]");
        assertThat(get(toolbox, server.url("/img")).text()).endsWith("(binary content, 4 bytes, not shown)");
    }

    @Test
    void reportsSlowServerAsRetriableTimeout() {
        server.on("/slow", ex -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "text/plain", new byte[0]);
        });
        Toolbox toolbox = toolbox(NetworkPolicy.publicOnly().allowing(server.hostPort()));

        ToolResult result = get(toolbox, server.url("/slow"));

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains("no response from 127.0.0.1 within 2 s");
        assertThat(((ToolResult.Failed) result).retriable()).isTrue();
    }

    static Stream<String[]> hostileUrls() {
        return Stream.of(
                new String[] {"http://127.0.0.1/", "loopback"},
                new String[] {"http://127.0.0.1./", "no host name"},
                new String[] {"http://localhost/admin", "local or cloud-metadata name"},
                new String[] {"http://LOCALHOST./", "local or cloud-metadata name"},
                new String[] {"http://api.localhost/", "local or cloud-metadata name"},
                new String[] {"http://2130706433/", "non-standard numeric IP address form (means 127.0.0.1)"},
                new String[] {"http://0177.0.0.1/", "non-standard numeric IP address form (means 127.0.0.1)"},
                new String[] {"http://0x7f.0.0.1/", "non-standard numeric IP address form (means 127.0.0.1)"},
                new String[] {"http://0x7f000001/", "non-standard numeric IP address form (means 127.0.0.1)"},
                new String[] {"http://127.1/", "non-standard numeric IP address form (means 127.0.0.1)"},
                new String[] {"http://0251.0376.0251.0376/", "non-standard numeric IP address form (means 169.254.169.254)"},
                new String[] {"http://[::1]/", "IPv6 loopback"},
                new String[] {"http://[::ffff:127.0.0.1]/", "loopback"},
                new String[] {"http://[::ffff:7f00:1]/", "loopback"},
                new String[] {"http://[::127.0.0.1]/", "IPv4-compatible or IPv4-mapped IPv6 address wrapping 127.0.0.1"},
                new String[] {"http://[64:ff9b::a9fe:a9fe]/", "NAT64 IPv6 address wrapping 169.254.169.254"},
                new String[] {"http://[2002:7f00:1::]/", "6to4 IPv6 address wrapping 127.0.0.1"},
                new String[] {"http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo"},
                new String[] {"http://[::]/", "unspecified IPv6"},
                new String[] {"http://[fe80::1%25eth0]/", "zone ids"},
                new String[] {"http://[fd00:ec2::254]/latest/meta-data/", "unique-local"},
                new String[] {"http://169.254.169.254/latest/meta-data/", "link-local"},
                new String[] {"http://metadata.google.internal/computeMetadata/v1/", "cloud-metadata"},
                new String[] {"http://10.0.0.1/", "private"},
                new String[] {"http://172.16.5.4/", "private"},
                new String[] {"http://192.168.1.1/", "private"},
                new String[] {"http://100.64.0.1/", "carrier-grade NAT"},
                new String[] {"http://0.0.0.0:8080/", "unspecified"},
                new String[] {"http://224.0.0.1/", "multicast"},
                new String[] {"http://255.255.255.255/", "broadcast"},
                new String[] {"http://internal.test/", "10.1.2.3, a private address"},
                new String[] {"http://mixed.test/", "127.0.0.1, a loopback address"},
                new String[] {"http://rebind6.test/", "unique-local"},
                new String[] {"http://user:pw@example.test/", "credentials"},
                new String[] {"http://example.test@127.0.0.1/", "credentials"},
                new String[] {"file:///etc/passwd", "only http and https"},
                new String[] {"gopher://127.0.0.1:25/_HELO", "only http and https"},
                new String[] {"ftp://example.test/", "only http and https"},
                new String[] {"javascript:alert(1)", "only http and https"},
                new String[] {"http:///etc/passwd", "no host name"},
                new String[] {"http://exa mple.test/", "not a valid URL"});
    }

    private static InetAddress[] fakeDns(String host) throws UnknownHostException {
        Map<String, List<String>> zone = Map.of(
                "internal.test", List.of("10.1.2.3"),
                "mixed.test", List.of("93.184.215.14", "127.0.0.1"),
                "rebind6.test", List.of("fd12:3456::1"));
        if (zone.containsKey(host)) {
            List<String> ips = zone.get(host);
            InetAddress[] out = new InetAddress[ips.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByName(ips.get(i));
            }
            return out;
        }
        if (host.matches("[0-9.]+|.*:.*")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("hostileUrls")
    void refusesInternalAddressesInEveryForm(String url, String reason) {
        Toolbox toolbox = toolbox(NetworkPolicy.publicOnly().withResolver(HttpToolsTest::fakeDns));

        ToolResult result = get(toolbox, url);

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains(reason);
    }

    static Stream<String[]> redirectTricks() {
        return Stream.of(
                new String[] {"http://127.0.0.1:%OTHER%/secret", "loopback"},
                new String[] {"http://[::1]:%OTHER%/secret", "IPv6 loopback"},
                new String[] {"http://2130706433:%OTHER%/secret", "non-standard numeric"},
                new String[] {"http://169.254.169.254/latest/meta-data/", "link-local"},
                new String[] {"http://localhost:%OTHER%/secret", "local or cloud-metadata name"},
                new String[] {"file:///etc/passwd", "only http and https"},
                new String[] {"/loop", "stopped after 5 redirects"});
    }

    @ParameterizedTest(name = "redirect to {0} is refused")
    @MethodSource("redirectTricks")
    void checksEveryRedirectHopAgain(String target, String reason) {
        other.on("/secret", ex -> reply(ex, 200, "text/plain", "internal secret".getBytes(StandardCharsets.UTF_8)));
        String location = target.replace("%OTHER%", String.valueOf(other.port()));
        server.on("/go", ex -> redirect(ex, 307, location)).on("/loop", ex -> redirect(ex, 302, "/loop"));
        Toolbox toolbox = toolbox(NetworkPolicy.publicOnly().allowing(server.hostPort()));

        ToolResult result = get(toolbox, server.url("/go"));

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.text()).contains(reason).doesNotContain("internal secret");
        assertThat(other.seen()).isEmpty();
    }

    @Test
    void openingOneHostPortDoesNotOpenOtherPorts() {
        other.on("/secret", ex -> reply(ex, 200, "text/plain", "internal secret".getBytes(StandardCharsets.UTF_8)));
        Toolbox toolbox = toolbox(NetworkPolicy.publicOnly().allowing(server.hostPort()));

        assertThat(get(toolbox, other.url("/secret")).text()).contains("loopback");
        assertThat(other.seen()).isEmpty();
    }

    @Test
    void aPolicyOpeningNothingReachesOnlyTheHostsItNames() {
        server.on("/ok", ex -> reply(ex, 200, "text/plain", "ours".getBytes(StandardCharsets.UTF_8)));
        other.on("/secret", ex -> reply(ex, 200, "text/plain", "internal secret".getBytes(StandardCharsets.UTF_8)));
        Toolbox toolbox = toolbox(NetworkPolicy.none().allowing(server.hostPort()).withResolver(HttpToolsTest::fakeDns));

        assertThat(get(toolbox, server.url("/ok")).text()).endsWith("ours");
        assertThat(get(toolbox, other.url("/secret")).text()).contains("is not one of the hosts this policy opens ["
                + server.hostPort() + "]");
        assertThat(get(toolbox, "https://93.184.215.14/").text()).contains("'93.184.215.14:443' is not one of the hosts");
        assertThat(get(toolbox, "http://example.org/").text()).contains("'example.org:80' is not one of the hosts");
        assertThat(other.seen()).isEmpty();
    }
}
