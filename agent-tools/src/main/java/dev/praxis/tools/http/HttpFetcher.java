package dev.praxis.tools.http;

import dev.praxis.tool.ToolException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fetches URLs under a {@link NetworkPolicy}: redirects are followed by hand (at most
 * {@code maxRedirects}) and every hop is checked again; bodies are read up to
 * {@code maxBytes}; connecting and waiting for the response each have a time limit. The HTTP
 * client resolves names only through {@link NetworkPolicy#connectable}, so it connects to the
 * addresses that were checked, never to a second DNS answer. Thread-safe; share one per
 * configuration.
 */
public final class HttpFetcher {

    /** What came back: final URL, status, content type, body bytes (maybe cut at the cap). */
    public record Response(URI uri, int status, String contentType, byte[] body, boolean truncated) {

        /** Whether the body is text the model can read (text/*, JSON, XML, JavaScript, forms). */
        public boolean isText() {
            String type = contentType.toLowerCase(Locale.ROOT);
            return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                    || type.contains("javascript") || type.contains("x-www-form-urlencoded");
        }

        /** The body decoded with the charset of the content type, UTF-8 by default. */
        public String text() {
            Charset charset = StandardCharsets.UTF_8;
            for (String param : contentType.split(";")) {
                String p = param.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        charset = Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException ignored) {
                        // an unknown charset falls back to UTF-8, which decodes ASCII pages fine
                    }
                }
            }
            return new String(body, charset);
        }
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final NetworkPolicy policy;
    private final CloseableHttpClient client;
    private final Duration timeout;
    private final int maxBytes;
    private final int maxRedirects;

    /**
     * A fetcher.
     *
     * @param timeout  limit for connecting and for the response headers, each
     * @param maxBytes largest body read; the rest is cut and flagged
     */
    public HttpFetcher(NetworkPolicy policy, Duration timeout, int maxBytes, int maxRedirects) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(pinnedTo(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableContentCompression().disableAuthCaching()
                .build();
    }

    /** A GET, following redirects. */
    public Response get(String url, Map<String, String> headers) {
        return send("GET", url, null, null, headers);
    }

    /** A request with an optional body; 303 (and 301/302 after POST) continue as GET, as browsers do. */
    public Response send(String method, String url, String body, String contentType, Map<String, String> headers) {
        URI uri = policy.check(url);
        for (int hop = 0; ; hop++) {
            Hop answer = once(method, uri, body, contentType, headers);
            int status = answer.response().status();
            if (!REDIRECTS.contains(status)) {
                return answer.response();
            }
            if (hop == maxRedirects) {
                throw new ToolException("stopped after " + maxRedirects + " redirects at " + uri);
            }
            if (answer.location() == null || answer.location().isBlank()) {
                throw new ToolException("redirect " + status + " from " + uri + " has no Location header");
            }
            uri = policy.check(resolve(uri, answer.location()));
            if (status == 303 || ((status == 301 || status == 302) && "POST".equals(method))) {
                method = "GET";
                body = null;
                contentType = null;
            }
        }
    }

    /** One exchange: the response and its Location header, if any. */
    private record Hop(Response response, String location) {
    }

    private static String resolve(URI from, String location) {
        try {
            return from.resolve(location.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new ToolException("redirect from " + from + " to an invalid location '" + location + "'");
        }
    }

    private Hop once(String method, URI uri, String body, String contentType, Map<String, String> headers) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        if (body != null) {
            request.setEntity(new StringEntity(body, StandardCharsets.UTF_8));
        }
        headers.forEach(request::addHeader);
        if (contentType != null) {
            if (contentType.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new ToolException("the content type must not contain control characters");
            }
            request.setHeader("Content-Type", contentType);
        }
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            HttpEntity entity = response.getEntity();
            byte[] bytes;
            try {
                bytes = entity == null ? new byte[0] : entity.getContent().readNBytes(maxBytes + 1);
            } finally {
                // drop the connection rather than close the response: closing reads the rest of
                // a body that may never end
                request.cancel();
            }
            boolean truncated = bytes.length > maxBytes;
            byte[] kept = truncated ? Arrays.copyOf(bytes, maxBytes) : bytes;
            return new Hop(new Response(uri, response.getCode(), header(response, "Content-Type", ""), kept, truncated),
                    header(response, "Location", null));
        } catch (SocketTimeoutException e) { // connect and read timeouts both
            throw new ToolException("no response from " + uri.getHost() + " within " + timeout.toSeconds() + " s", true);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ToolException("request to " + uri.getHost() + " was cancelled", true);
            }
            throw new ToolException("request to " + uri.getHost() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        }
    }

    private static String header(ClassicHttpResponse response, String name, String otherwise) {
        Header header = response.getFirstHeader(name);
        return header == null ? otherwise : header.getValue();
    }

    /**
     * Connects only to addresses the policy resolved and checked at connect time, so the name is
     * never resolved twice with different answers (DNS rebinding).
     */
    private static DnsResolver pinnedTo(NetworkPolicy policy) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return policy.connectable(host, -1);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) {
                return Arrays.stream(policy.connectable(host, port)).map(a -> new InetSocketAddress(a, port)).toList();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
