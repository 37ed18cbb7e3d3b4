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
}
