package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.internal.FixedCredentials;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Turns {@link LakehouseClientOptions} into Reactor Netty objects: the connection pool, and the {@link Transport} whose
 * {@link HttpClient} uses it (base URL, connect timeout, keep-alive, no automatic re-send, {@code User-Agent},
 * {@code Accept}, the {@code Authorization} header resolved per request, TLS and the proxy).
 */
public final class HttpClients {

    private HttpClients() {
    }

    /** A new pool with the options' pool settings; the caller owns it and disposes it. */
    public static ConnectionProvider newPool(LakehouseClientOptions options) {
        return ConnectionProvider.builder("altertable-lakehouse")
                .maxConnections(options.maxConnections())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(options.maxIdleTime())
                .maxLifeTime(options.maxLifeTime())
                .evictInBackground(options.maxIdleTime())
                .build();
    }

    /** The transport of a client with {@code options} on {@code pool} (which it does not own). */
    public static Transport transport(LakehouseClientOptions options, ConnectionProvider pool) {
        CredentialsProvider credentials = options.credentials();
        HttpClient http = options.httpClient().apply(NetworkSecurity.apply(authorized(HttpClient.create(pool)
                .baseUrl(options.baseUrl().toString())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .keepAlive(true)
                .disableRetry(true) // Reactor Netty would re-send a request on a stale connection; writes must not
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, options.userAgent())
                        .set(HttpHeaderNames.ACCEPT, "application/json, application/x-ndjson, */*")), credentials),
                options));
        if (options.observability().isEnabled()) {
            // the headers an observation wrote when its operation started (traceparent), from the request's context
            http = http.doOnRequest((req, conn) -> Observed.headers(req.currentContextView()).forEach(req::header));
        }
        return new Transport(http, new TransportSettings(options.baseUrl(), options.connectTimeout(),
                options.responseTimeout(), options.idleTimeout(), options.maxLineBytes()));
    }

    /**
     * The {@code Authorization} header from {@code credentials}, resolved per request. Fixed credentials give the same
     * value every time, so it is set once: resolving it per request makes Reactor Netty copy the client's
     * configuration and headers for each request, and a streamed request holds that copy until it ends.
     */
    static HttpClient authorized(HttpClient http, CredentialsProvider credentials) {
        if (credentials instanceof FixedCredentials) {
            String value = ((FixedCredentials) credentials).value().authorizationHeader();
            return http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, value));
        }
        return http.headersWhen(h -> credentials.credentials()
                .map(c -> h.set(HttpHeaderNames.AUTHORIZATION, c.authorizationHeader())));
    }
}
