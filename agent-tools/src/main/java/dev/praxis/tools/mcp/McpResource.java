package dev.praxis.tools.mcp;

import dev.praxis.content.EmbeddedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource an {@link McpToolServer} publishes: a fixed URI, or a URI template such as
 * {@code notes://{topic}/today} whose variables the reader receives. Reading happens on every
 * {@code resources/read}; a reader that throws becomes an MCP error for the client.
 *
 * <pre>{@code
 * McpResource readme = McpResource.text("docs://readme", "README", "text/markdown", () -> Files.readString(path));
 * McpResource day = McpResource.template("notes://{date}", "Notes of a day", "text/plain",
 *         vars -> notes.of(LocalDate.parse(vars.get("date"))));
 * }</pre>
 *
 * @param uri         the URI, or the URI template (RFC 6570 level 1: {@code {name}} variables)
 * @param name        a short human-readable name
 * @param description what it holds, or null
 * @param mimeType    the media type of its contents
 * @param template    whether {@code uri} is a template
 * @param read        produces the contents for the variables of the read URI (empty for a fixed one)
 */
public record McpResource(String uri, String name, String description, String mimeType, boolean template,
                          Function<Map<String, String>, EmbeddedResource> read) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    /** Validates the parts; a template must name at least one variable. */
    public McpResource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(read, "read");
        if (template && !VARIABLE.matcher(uri).find()) {
            throw new IllegalArgumentException("a URI template needs a {variable}: " + uri);
        }
    }

    /** A fixed text resource, read from {@code text} on each request. */
    public static McpResource text(String uri, String name, String mimeType, Supplier<String> text) {
        Objects.requireNonNull(text, "text");
        return new McpResource(uri, name, null, mimeType, false,
                vars -> EmbeddedResource.text(uri, mimeType, text.get()));
    }

    /** A fixed binary resource, read from {@code bytes} on each request. */
    public static McpResource binary(String uri, String name, String mimeType, Supplier<byte[]> bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new McpResource(uri, name, null, mimeType, false,
                vars -> EmbeddedResource.binary(uri, mimeType, bytes.get()));
    }

    /** A family of text resources addressed by a URI template; {@code text} gets the variables. */
    public static McpResource template(String uriTemplate, String name, String mimeType,
                                       Function<Map<String, String>, String> text) {
        Objects.requireNonNull(text, "text");
        return new McpResource(uriTemplate, name, null, mimeType, true,
                vars -> EmbeddedResource.text(expand(uriTemplate, vars), mimeType, text.apply(vars)));
    }

    /** This resource with a description. */
    public McpResource describedAs(String description) {
        return new McpResource(uri, name, description, mimeType, template, read);
    }

    /** The variables of {@code concrete} if it matches this template, empty if it does not. */
    Optional<Map<String, String>> match(String concrete) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(uri);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(uri.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(uri.substring(last)));
        Matcher match = Pattern.compile(regex.toString()).matcher(concrete);
        if (!match.matches()) {
            return Optional.empty();
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            vars.put(names.get(i), match.group(i + 1));
        }
        return Optional.of(vars);
    }

    private static String expand(String template, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }
}
