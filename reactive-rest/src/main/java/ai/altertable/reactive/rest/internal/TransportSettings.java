package ai.altertable.reactive.rest.internal;

import java.net.URI;
import java.time.Duration;

/**
 * The resolved settings a {@link Transport} works with.
 *
 * @param baseUrl         the server, for example {@code https://api.altertable.ai}
 * @param connectTimeout  TCP/TLS connect
 * @param responseTimeout wait for a response (JSON calls: the whole response; streams: the first bytes)
 * @param idleTimeout     wait between two chunks of a stream while the subscriber waits for data
 * @param maxLineBytes    longest NDJSON line accepted
 */
public record TransportSettings(URI baseUrl, Duration connectTimeout, Duration responseTimeout, Duration idleTimeout,
                                int maxLineBytes) {

    /** The server as {@code host:port} (the scheme's default port when the URL names none), for messages. */
    public String peer() {
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : "https".equalsIgnoreCase(baseUrl.getScheme()) ? 443 : 80;
        return baseUrl.getHost() + ":" + port;
    }
}
