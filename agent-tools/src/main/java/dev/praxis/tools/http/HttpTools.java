package dev.praxis.tools.http;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.praxis.tool.SideEffect;
import dev.praxis.tool.Tool;
import dev.praxis.tool.ToolContext;
import dev.praxis.tools.internal.JsonTool;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code http_get} (READ_ONLY) and {@code http_post} (EXTERNAL: it may change things elsewhere)
 * under a {@link NetworkPolicy}. Answers start with the status line and content type; text
 * bodies follow, binary bodies are described, and a body above the cap is cut with a notice.
 * POST requests carry the call's idempotency key as an {@code Idempotency-Key} header.
 *
 * <pre>{@code
 * List<Tool> http = HttpTools.with(NetworkPolicy.publicOnly());
 * }</pre>
 */
public final class HttpTools {

    /** Default limits: 15 s to connect and to the response headers, 512 KiB bodies, 5 redirects. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** The default body cap in bytes. */
    public static final int DEFAULT_MAX_BYTES = 512 * 1024;

    private HttpTools() {
    }

    /** Both tools under {@code policy}, with default limits. */
    public static List<Tool> with(NetworkPolicy policy) {
        return with(new HttpFetcher(policy, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES, 5));
    }

    /** Both tools on a configured fetcher. */
    public static List<Tool> with(HttpFetcher fetcher) {
        JsonObjectSchema get = JsonObjectSchema.builder()
                .addStringProperty("url", "absolute http(s) URL of a public web resource").required("url").build();
        JsonObjectSchema post = JsonObjectSchema.builder()
                .addStringProperty("url", "absolute http(s) URL")
                .addStringProperty("body", "the request body")
                .addStringProperty("content_type", "media type of the body, default application/json")
                .required("url", "body").build();
        return List.of(
                new JsonTool("http_get", "Fetches a URL with HTTP GET and returns status, content type and body.",
                        get, SideEffect.READ_ONLY, (args, context) -> render(fetcher.get(args.string("url"), Map.of()))),
                new JsonTool("http_post", "Sends an HTTP POST with a body and returns status, content type and body.",
                        post, SideEffect.EXTERNAL, (args, context) -> render(fetcher.send("POST", args.string("url"),
                        args.optionalString("body").orElse(""),
                        args.optionalString("content_type").orElse("application/json"), idempotency(context)))));
    }

    private static Map<String, String> idempotency(ToolContext context) {
        return context.idempotencyKey().isEmpty() ? Map.of() : Map.of("Idempotency-Key", context.idempotencyKey());
    }

    static String render(HttpFetcher.Response response) {
        StringBuilder text = new StringBuilder()
                .append("HTTP ").append(response.status()).append(' ').append(response.uri()).append('\n')
                .append("content-type: ").append(response.contentType().isEmpty() ? "(none)" : response.contentType())
                .append("\n\n");
        if (!response.isText()) {
            return text.append("(binary content, ").append(response.body().length).append(" bytes, not shown)").toString();
        }
        text.append(response.text());
        if (response.truncated()) {
            text.append("\n[truncated: the body is longer than ").append(response.body().length)
                    .append(" bytes; only the beginning is shown]");
        }
        return text.toString();
    }
}
