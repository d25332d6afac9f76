package io.incidentstream.adapters.websocket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;

/**
 * Who the client is, for per-address limits. Behind a load balancer every connection comes from
 * the balancer, so the forwarding headers are read, but only when the direct peer is a configured
 * trusted proxy: anyone else could write any address into them. The address taken is the last one
 * in the chain that is not itself a trusted proxy.
 */
public final class ClientAddress {

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 =
            java.util.regex.Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Cidr> trustedProxies;

    /** @param trustedProxies IP addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}) of trusted proxies */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
    }

    public String resolve(String peer, HttpFields headers) {
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> chain = forwardedChain(headers);
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (!trusted(hop)) {
                return hop;
            }
        }
        return chain.isEmpty() ? peer : chain.get(0);
    }

    private boolean trusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trustedProxies.stream().anyMatch(cidr -> cidr.contains(bytes));
    }

    /** The addresses of {@code Forwarded: for=...} or else {@code X-Forwarded-For}, client first. */
    private static List<String> forwardedChain(HttpFields headers) {
        List<String> forwarded = headers.getValuesList("Forwarded");
        if (!forwarded.isEmpty()) {
            return forwarded.stream()
                    .flatMap(value -> List.of(value.split(",")).stream())
                    .flatMap(element -> List.of(element.split(";")).stream())
                    .map(String::trim)
                    .filter(pair -> pair.toLowerCase(Locale.ROOT).startsWith("for="))
                    .map(pair -> unquote(pair.substring(4)))
                    .toList();
        }
        return headers.getValuesList("X-Forwarded-For").stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .map(String::trim)
                .filter(hop -> !hop.isEmpty())
                .toList();
    }

    /** {@code "[2001:db8::1]:4711"} -> {@code 2001:db8::1}; {@code 192.0.2.1:80} -> {@code 192.0.2.1}. */
    private static String unquote(String value) {
        String v = value.replace("\"", "");
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end > 0 ? v.substring(1, end) : v;
        }
        int colon = v.indexOf(':');
        return colon > 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    /** The bytes of an IP literal, or null for anything else (no DNS lookups, ever). */
    static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (!IPV6.matcher(address).matches()) {
            return null;
        }
        try {
            // A string with a colon is only ever parsed as an IPv6 literal, never looked up.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Checks one configured trusted-proxy entry; the message says what is wrong with it. */
    public static void validate(String addressOrRange) {
        Cidr.parse(addressOrRange);
    }

    /** An address range; a plain address is a range of one. */
    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/");
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
            }
            if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("\\d{1,3}"))) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
