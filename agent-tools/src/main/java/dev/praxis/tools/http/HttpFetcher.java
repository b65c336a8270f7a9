package dev.praxis.tools.http;

import dev.praxis.tool.ToolException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fetches URLs under a {@link NetworkPolicy}: redirects are followed by hand (at most
 * {@code maxRedirects}) and every hop is checked again; bodies are read up to
 * {@code maxBytes}; connecting and waiting for the response each have a time limit.
 * Thread-safe; share one per configuration.
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
    private final HttpClient client;
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
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                boolean truncated = bytes.length > maxBytes;
                byte[] kept = truncated ? Arrays.copyOf(bytes, maxBytes) : bytes;
                return new Hop(new Response(uri, response.statusCode(),
                        response.headers().firstValue("content-type").orElse(""), kept, truncated),
                        response.headers().firstValue("location").orElse(null));
            }
        } catch (HttpTimeoutException e) {
            throw new ToolException("no response from " + uri.getHost() + " within " + timeout.toSeconds() + " s", true);
        } catch (IOException e) {
            throw new ToolException("request to " + uri.getHost() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("request to " + uri.getHost() + " was cancelled", true);
        }
    }
}
