package ai.altertable.reactive.mock.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a client on this machine connects to reach a mock bound to a given host, written as a URI's host: a wildcard
 * address ({@code 0.0.0.0}, {@code ::}), which no client can connect to, becomes the loopback address of its family
 * ({@code 127.0.0.1}, {@code [::1]}); an IPv6 literal gets its brackets; a name or another address stays as it is
 * (the certificate the mock generates lists {@code localhost}, {@code 127.0.0.1} and {@code ::1}).
 */
public final class ConnectAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ConnectAddress() {
    }

    /**
     * The host part of the mock's URLs for a server bound to {@code boundHost} (as given, or as the server reports it:
     * {@code 0:0:0:0:0:0:0:0} for {@code ::}).
     */
    public static String uriHost(String boundHost) {
        String h = boundHost.startsWith("[") && boundHost.endsWith("]")
                ? boundHost.substring(1, boundHost.length() - 1) : boundHost;
        boolean ipv6 = h.indexOf(':') >= 0;
        if (!ipv6 && !IPV4.matcher(h).matches()) {
            return h; // a name: never resolved here
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(h); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            return ipv6 ? "[" + h + "]" : h; // not a valid literal: the bind would have failed
        }
        if (address.isAnyLocalAddress()) {
            return address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        }
        return ipv6 ? "[" + h + "]" : h;
    }
}
