package dev.praxis.tools.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which IP addresses an outgoing request may reach by default: public unicast only. Refuses
 * loopback, private, shared (CGNAT), link-local (and so cloud metadata at 169.254.169.254),
 * unspecified, multicast, broadcast, reserved, documentation and benchmark ranges, IPv6
 * unique-local, site-local and link-local, and IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo),
 * judged by the IPv4 address inside.
 */
final class AddressRules {

    private AddressRules() {
    }

    /** Why {@code address} may not be contacted, or empty when it is public. */
    static Optional<String> whyBlocked(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return ipv4(v4.getAddress());
        }
        return ipv6((Inet6Address) address);
    }

    private static Optional<String> ipv4(byte[] b) {
        int a = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (a == 0) {
            return Optional.of("an unspecified ('this network') address");
        }
        if (a == 127) {
            return Optional.of("a loopback address");
        }
        if (a == 10 || (a == 172 && second >= 16 && second <= 31) || (a == 192 && second == 168)) {
            return Optional.of("a private address");
        }
        if (a == 100 && second >= 64 && second <= 127) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (a == 169 && second == 254) {
            return Optional.of("a link-local address (cloud metadata services live here)");
        }
        if (a == 192 && second == 0 && ((b[2] & 0xff) == 0 || (b[2] & 0xff) == 2)) {
            return Optional.of("a reserved or documentation address");
        }
        if ((a == 198 && (second == 18 || second == 19)) || (a == 198 && second == 51 && (b[2] & 0xff) == 100)
                || (a == 203 && second == 0 && (b[2] & 0xff) == 113)) {
            return Optional.of("a benchmark or documentation address");
        }
        if (a >= 224 && a <= 239) {
            return Optional.of("a multicast address");
        }
        if (a >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(Inet6Address address) {
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified IPv6 address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("the IPv6 loopback address");
        }
        if (address.isLinkLocalAddress() || address.isSiteLocalAddress()) {
            return Optional.of("a link-local or site-local IPv6 address");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local (private) IPv6 address");
        }
        if ((b[0] & 0xff) == 0xff) {
            return Optional.of("a multicast IPv6 address");
        }
        if (zeros(b, 0, 12) || (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)) {
            return embedded(b, 12, "IPv4-compatible or IPv4-mapped");
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return embedded(b, 12, "NAT64");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return embedded(b, 2, "6to4");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return Optional.of("a Teredo tunnel address");
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return Optional.of("an IPv6 documentation address");
        }
        if ((b[0] & 0xff) == 0x01 && b[1] == 0 && zeros(b, 2, 8)) {
            return Optional.of("an IPv6 discard-only address");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int offset, String form) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        return ipv4(v4).map(why -> "an " + form + " IPv6 address wrapping " + dotted(v4) + ", " + why);
    }

    static String dotted(byte[] v4) {
        try {
            return InetAddress.getByAddress(v4).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
