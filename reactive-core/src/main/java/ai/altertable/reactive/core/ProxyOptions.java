package ai.altertable.reactive.core;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP proxy that the clients tunnel through with {@code CONNECT}, the same for every transport (REST through
 * Reactor Netty's proxy support, Flight through gRPC's): its host and port, optional Basic credentials, and the hosts
 * reached directly. TLS runs inside the tunnel, end to end with the server: the proxy sees only encrypted bytes.
 *
 * <p>{@link #fromEnvironment(Map)} reads the usual {@value #ENV_HTTPS_PROXY} ({@code http://[user:password@]host:port})
 * and {@value #ENV_NO_PROXY} ({@code host,.domain,*}) variables, upper or lower case; a client given no proxy does so
 * for a TLS endpoint ({@code https://}, {@code grpc+tls://}).
 *
 * <p>Immutable. {@link #toString()} shows the proxy's address, never its credentials.
 */
public final class ProxyOptions {

    /** The proxy for TLS endpoints, read when a client is given no proxy. */
    public static final String ENV_HTTPS_PROXY = "HTTPS_PROXY";
    /** Hosts reached without the proxy: comma-separated names, {@code .domain} suffixes, or {@code *} for all. */
    public static final String ENV_NO_PROXY = "NO_PROXY";

    private static final ProxyOptions NONE = new ProxyOptions(null, 0, null, null, List.of());

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final List<String> nonProxyHosts;

    private ProxyOptions(String host, int port, String username, String password, List<String> nonProxyHosts) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.nonProxyHosts = nonProxyHosts;
    }

    /** No proxy: connect directly. */
    public static ProxyOptions none() {
        return NONE;
    }

    /** A proxy at {@code host:port}, without credentials. */
    public static ProxyOptions http(String host, int port) {
        return builder().host(host).port(port).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The proxy of {@value #ENV_HTTPS_PROXY} (or {@code https_proxy}) with the exceptions of {@value #ENV_NO_PROXY}
     * (or {@code no_proxy}), or {@link #none()} when it is not set.
     *
     * @throws ConfigurationException if the variable is not an {@code http://host:port} URL
     */
    public static ProxyOptions fromEnvironment(Map<String, String> environment) {
        String url = variable(environment, ENV_HTTPS_PROXY);
        if (url == null) {
            return NONE;
        }
        URI u;
        try {
            u = URI.create(url.contains("://") ? url : "http://" + url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ENV_HTTPS_PROXY + " is not a URL"); // no echo: it may hold a password
        }
        if (u.getHost() == null || !"http".equalsIgnoreCase(u.getScheme())) {
            throw new ConfigurationException(ENV_HTTPS_PROXY + " must be an http://host:port URL (an HTTP CONNECT proxy)");
        }
        Builder b = builder().host(u.getHost()).port(u.getPort() > 0 ? u.getPort() : 80);
        String userInfo = u.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            b.credentials(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)),
                    colon < 0 ? "" : decode(userInfo.substring(colon + 1)));
        }
        String noProxy = variable(environment, ENV_NO_PROXY);
        if (noProxy != null) {
            b.nonProxyHosts(noProxy.split(","));
        }
        return b.build();
    }

    private static String variable(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = env.get(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Whether a proxy is configured. */
    public boolean isEnabled() {
        return host != null;
    }

    /** The proxy's host, or {@code null} for {@link #none()}. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The user for the proxy's Basic authentication, or {@code null}. */
    public String username() {
        return username;
    }

    /** The password for the proxy's Basic authentication, or {@code null}. Never logged or printed. */
    public String password() {
        return password;
    }

    /** The {@code NO_PROXY} entries, lower case. */
    public List<String> nonProxyHosts() {
        return nonProxyHosts;
    }

    /**
     * Whether a connection to {@code targetHost} goes through the proxy: a proxy is configured and no
     * {@linkplain #nonProxyHosts() exception} matches (an exact name or address, a domain suffix such as
     * {@code .example.com} or {@code example.com} for its subdomains too, or {@code *}). Ports in the exceptions are
     * ignored; address ranges (CIDR) are not supported.
     */
    public boolean appliesTo(String targetHost) {
        if (!isEnabled()) {
            return false;
        }
        String h = strip(targetHost.toLowerCase(Locale.ROOT));
        for (String entry : nonProxyHosts) {
            String domain = entry.startsWith(".") ? entry.substring(1) : entry;
            if (entry.equals("*") || h.equals(domain) || h.endsWith("." + domain)) {
                return false;
            }
        }
        return true;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        if (!isEnabled()) {
            return "ProxyOptions[none]";
        }
        return "ProxyOptions[http://" + host + ":" + port + ", credentials=" + (username == null ? "none" : "****")
                + (nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts=" + nonProxyHosts) + "]";
    }

    /** Builder for {@link ProxyOptions}. */
    public static final class Builder {
        private String host;
        private int port;
        private String username;
        private String password;
        private List<String> nonProxyHosts = List.of();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Basic credentials for the proxy ({@code Proxy-Authorization}). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            ai.altertable.reactive.core.internal.Redaction.registerSecret(password);
            return this;
        }

        /** Hosts reached directly, as {@value #ENV_NO_PROXY} lists them. */
        public Builder nonProxyHosts(String... hosts) {
            List<String> list = new ArrayList<>();
            for (String h : hosts) {
                String e = h.strip().toLowerCase(Locale.ROOT);
                int colon = e.lastIndexOf(':');
                if (colon > 0 && e.indexOf(':') == colon && !e.startsWith("[")) {
                    e = e.substring(0, colon); // host:port: the port is ignored
                }
                e = strip(e);
                if (!e.isEmpty()) {
                    list.add(e);
                }
            }
            this.nonProxyHosts = List.copyOf(list);
            return this;
        }

        /** @throws ConfigurationException without a host, or with a port out of range */
        public ProxyOptions build() {
            if (host == null || host.isBlank()) {
                throw new ConfigurationException("a proxy needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigurationException("the proxy port must be 1-65535, was " + port);
            }
            return new ProxyOptions(host, port, username, password, nonProxyHosts);
        }
    }
}
