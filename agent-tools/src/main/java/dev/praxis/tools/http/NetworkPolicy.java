package dev.praxis.tools.http;

import dev.praxis.tool.ToolException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the HTTP and web tools may connect: by default only public internet hosts over
 * {@code http}/{@code https} (SSRF protection). Every URL, including each redirect hop, is
 * checked as text and after DNS resolution; every resolved address must be public (see the
 * ranges refused in the docs). Specific hosts are opened with {@link #allowing}, which is how
 * tests reach a loopback server. Immutable and thread-safe.
 *
 * <pre>{@code
 * NetworkPolicy policy = NetworkPolicy.publicOnly().allowing("127.0.0.1:8080", "wiki.intranet");
 * NetworkPolicy onlyOurs = NetworkPolicy.none().allowing("127.0.0.1:8080");   // nothing else, public or not
 * }</pre>
 *
 * <p>Numeric hosts must be canonical dotted quads: decimal ({@code 2130706433}), octal
 * ({@code 0177.0.0.1}), hex ({@code 0x7f.0.0.1}) and short ({@code 127.1}) forms are refused,
 * because resolvers disagree on what they mean. IPv6 zone ids and credentials in URLs are refused.
 *
 * <p>DNS rebinding: {@link HttpFetcher} does not let its HTTP client resolve names itself. When it
 * connects it asks {@link #connectable} for the addresses, which resolves once, checks every
 * address, and returns only those to connect to; a name that answered with a public address for
 * {@link #check} and with {@code 127.0.0.1} a moment later is refused, and the request never
 * leaves. The {@code Host} header and TLS server name stay the original host name.
 */
public final class NetworkPolicy {

    /** Resolves a host name to its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        /** All addresses of {@code host}. */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern CANONICAL_V4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");

    private final Set<String> allowed;
    private final Resolver resolver;
    private final boolean publicHosts;

    private NetworkPolicy(Set<String> allowed, Resolver resolver, boolean publicHosts) {
        this.allowed = Set.copyOf(allowed);
        this.resolver = resolver;
        this.publicHosts = publicHosts;
    }

    /** Public internet hosts only. */
    public static NetworkPolicy publicOnly() {
        return new NetworkPolicy(Set.of(), InetAddress::getAllByName, true);
    }

    /**
     * No host at all: only the hosts opened with {@link #allowing} may be fetched, public or not.
     * For agents that must talk to known services and nothing else.
     */
    public static NetworkPolicy none() {
        return new NetworkPolicy(Set.of(), InetAddress::getAllByName, false);
    }

    /**
     * This policy, also opening the given hosts: {@code "host"} (any port) or {@code "host:port"};
     * IPv6 as {@code "[::1]:8080"}. Opened hosts skip the address checks, nothing else.
     */
    public NetworkPolicy allowing(String... hosts) {
        Set<String> more = new HashSet<>(allowed);
        for (String host : hosts) {
            more.add(host.toLowerCase(Locale.ROOT));
        }
        return new NetworkPolicy(more, resolver, publicHosts);
    }

    /** This policy with another DNS resolver (for tests). */
    public NetworkPolicy withResolver(Resolver resolver) {
        return new NetworkPolicy(allowed, Objects.requireNonNull(resolver, "resolver"), publicHosts);
    }

    /**
     * Checks {@code url} as text and by resolving its host.
     *
     * @return the parsed URI
     * @throws ToolException naming the problem, when the URL may not be fetched
     */
    public URI check(String url) {
        URI uri = parse(url);
        String host = host(uri);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String bracketed = host.contains(":") ? "[" + host + "]" : host;
        if (allowed.contains(bracketed) || allowed.contains(bracketed + ":" + port)) {
            return uri;
        }
        if (!publicHosts) {
            throw new ToolException("refused " + url + ": host '" + bracketed + ":" + port
                    + "' is not one of the hosts this policy opens " + allowed.stream().sorted().toList());
        }
        checkName(host);
        checkAddresses("refused " + url, host, resolve(host));
        return uri;
    }

    /**
     * The addresses a connection to {@code host}:{@code port} may use: {@code host} resolved once
     * and every address checked as in {@link #check}, so what is connected to is exactly what was
     * checked. An opened host is resolved without checks; under {@link #none()} any other host is
     * refused. A {@code port} of {@code -1} means the port is not known, and then only hosts
     * opened for every port count as opened.
     *
     * @throws ToolException naming the host and the refused address
     */
    public InetAddress[] connectable(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String bracketed = name.contains(":") ? "[" + name + "]" : name;
        InetAddress[] addresses = resolve(name);
        if (allowed.contains(bracketed) || port != -1 && allowed.contains(bracketed + ":" + port)) {
            return addresses;
        }
        if (!publicHosts) {
            throw new ToolException("refused to connect: host '" + bracketed + (port == -1 ? "" : ":" + port)
                    + "' is not one of the hosts this policy opens " + allowed.stream().sorted().toList());
        }
        checkName(name);
        checkAddresses("refused to connect", name, addresses);
        return addresses;
    }

    private static void checkAddresses(String refusal, String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            Optional<String> why = AddressRules.whyBlocked(address);
            if (why.isPresent()) {
                throw new ToolException(refusal + ": host '" + host + "' is " + address.getHostAddress()
                        + ", " + why.get() + "; only public internet hosts may be fetched");
            }
        }
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > 4096) {
            throw new ToolException("the URL is empty or longer than 4096 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ToolException("'" + url + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ToolException("refused " + url + ": only http and https URLs may be fetched");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ToolException("refused " + url + ": URLs with credentials (user@host) are not allowed");
        }
        if (uri.getHost() == null) {
            // java.net.URI gives no host for forms like 127.1 or 0x7f.0.0.1: explain those precisely
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
            if (!authority.isEmpty()) {
                checkName(authority.toLowerCase(Locale.ROOT).replaceFirst("\\.$", ""));
            }
            throw new ToolException("refused " + url + ": the URL has no host name the client can use");
        }
        return uri;
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
            if (host.contains("%")) {
                throw new ToolException("refused " + uri + ": IPv6 zone ids are not allowed");
            }
            return host;
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static void checkName(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || METADATA_HOSTS.contains(host)) {
            throw new ToolException("refused host '" + host + "': a local or cloud-metadata name");
        }
        List<String> parts = List.of(host.split("\\.", -1));
        boolean numeric = parts.size() <= 4 && parts.stream().allMatch(p -> NUMERIC_PART.matcher(p).matches());
        if (numeric && !CANONICAL_V4.matcher(host).matches()) {
            throw new ToolException("refused host '" + host + "': a non-standard numeric IP address form"
                    + InetAtonForm.meaning(parts) + "; write IPv4 addresses as four decimal numbers a.b.c.d");
        }
    }

    private InetAddress[] resolve(String host) {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new ToolException("host '" + host + "' has no address", true);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new ToolException("host '" + host + "' cannot be resolved", true);
        }
    }
}
