package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.rest.internal.Transport;
import ai.altertable.reactive.rest.internal.TransportSettings;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link LakehouseClient}. Every setting has a default ({@code DEFAULT_*}); credentials come from the
 * environment unless given. Invalid settings, or no resolvable credentials, fail in {@link #build()} with a
 * {@link ConfigurationException}.
 */
public final class LakehouseClientBuilder {

    /** The production base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.altertable.ai";
    /** Environment variable that overrides the default base URL. */
    public static final String ENV_BASE_URL = "ALTERTABLE_BASE_URL";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Wait for a JSON response, or for the first bytes of a streamed one. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /** Wait between two chunks of a streamed response while the subscriber waits for data. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Longest NDJSON line (one row) accepted. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Pooled connections idle longer than this are closed: below common load-balancer idle timeouts (60 s). */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_LIFE_TIME = Duration.ofMinutes(10);

    private String baseUrl;
    private CredentialsProvider credentials;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration maxIdleTime = DEFAULT_MAX_IDLE_TIME;
    private String userAgent = "altertable-reactive/0.1.0";
    private UnaryOperator<HttpClient> customizer = UnaryOperator.identity();
    private ConnectionProvider sharedPool;
    private ConnectionProvider ownedPool;

    LakehouseClientBuilder() {
    }

    /** The server, default {@value #DEFAULT_BASE_URL} or the {@value #ENV_BASE_URL} environment variable. */
    public LakehouseClientBuilder baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return this;
    }

    public LakehouseClientBuilder baseUrl(URI baseUrl) {
        return baseUrl(baseUrl.toString());
    }

    public LakehouseClientBuilder credentials(Credentials credentials) {
        this.credentials = CredentialsProvider.of(credentials);
        return this;
    }

    /** Credentials resolved per request, so that secrets can rotate. */
    public LakehouseClientBuilder credentials(CredentialsProvider provider) {
        this.credentials = Objects.requireNonNull(provider, "provider");
        return this;
    }

    public LakehouseClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Wait for a JSON response, or for the first bytes of a streamed one; zero disables it. */
    public LakehouseClientBuilder responseTimeout(Duration timeout) {
        this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Wait between two chunks of a stream while the subscriber is waiting for data; zero disables it. A subscriber that
     * is slow (requests nothing) never triggers it. Ends the stream with an
     * {@link ai.altertable.reactive.core.OperationTimeoutException} and cancels the query on the server.
     */
    public LakehouseClientBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    public LakehouseClientBuilder maxLineBytes(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        return this;
    }

    public LakehouseClientBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public LakehouseClientBuilder maxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
        this.sharedPool = null;
        return this;
    }

    public LakehouseClientBuilder maxIdleTime(Duration maxIdleTime) {
        this.maxIdleTime = Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        this.sharedPool = null;
        return this;
    }

    /** Appended to the {@code User-Agent} header (for example your service's name). */
    public LakehouseClientBuilder userAgent(String product) {
        this.userAgent = "altertable-reactive/0.1.0 " + Objects.requireNonNull(product, "product");
        return this;
    }

    /** Further Reactor Netty settings (proxy, TLS, metrics). Must not add retries: writes are at most once. */
    public LakehouseClientBuilder httpClient(UnaryOperator<HttpClient> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer");
        return this;
    }

    /**
     * Builds the client.
     *
     * @throws ConfigurationException for invalid settings or when no credentials can be resolved
     */
    public LakehouseClient build() {
        String url = baseUrl != null ? baseUrl : System.getenv().getOrDefault(ENV_BASE_URL, DEFAULT_BASE_URL);
        URI uri = validUrl(url);
        CredentialsProvider creds = credentials != null ? credentials : CredentialsProvider.fromEnvironment();
        if (maxLineBytes < 1024) {
            throw new ConfigurationException("maxLineBytes must be at least 1024, was " + maxLineBytes);
        }
        if (maxConnections < 1) {
            throw new ConfigurationException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigurationException("connectTimeout must be positive, was " + connectTimeout);
        }
        ConnectionProvider pool = sharedPool != null ? sharedPool : newPool();
        LakehouseClientBuilder snapshot = copy();
        snapshot.sharedPool = pool;
        if (sharedPool == null) {
            snapshot.ownedPool = pool;
        }
        HttpClient http = customizer.apply(HttpClient.create(pool)
                .baseUrl(stripTrailingSlash(uri.toString()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .keepAlive(true)
                .disableRetry(true) // Reactor Netty would re-send a request on a stale connection; writes must not
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, userAgent)
                        .set(HttpHeaderNames.ACCEPT, "application/json, application/x-ndjson, */*"))
                .headersWhen(h -> creds.credentials()
                        .map(c -> h.set(HttpHeaderNames.AUTHORIZATION, c.authorizationHeader()))));
        TransportSettings settings = new TransportSettings(uri, connectTimeout, responseTimeout, idleTimeout,
                maxLineBytes);
        return new LakehouseClient(new Transport(http, settings), retryPolicy, snapshot);
    }

    private ConnectionProvider newPool() {
        return ConnectionProvider.builder("altertable-lakehouse")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(maxIdleTime)
                .maxLifeTime(DEFAULT_MAX_LIFE_TIME)
                .evictInBackground(maxIdleTime)
                .build();
    }

    private static URI validUrl(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new ConfigurationException("baseUrl must be an http(s) URL with a host, was " + url);
            }
            if (u.getUserInfo() != null) {
                throw new ConfigurationException("baseUrl must not carry credentials; use credentials(...)");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("baseUrl is not a valid URL", e);
        }
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    LakehouseClientBuilder copy() {
        LakehouseClientBuilder b = new LakehouseClientBuilder();
        b.baseUrl = baseUrl;
        b.credentials = credentials;
        b.connectTimeout = connectTimeout;
        b.responseTimeout = responseTimeout;
        b.idleTimeout = idleTimeout;
        b.maxLineBytes = maxLineBytes;
        b.retryPolicy = retryPolicy;
        b.maxConnections = maxConnections;
        b.maxIdleTime = maxIdleTime;
        b.userAgent = userAgent;
        b.customizer = customizer;
        b.sharedPool = sharedPool;
        return b;
    }

    void disposeOwnedPool() {
        if (ownedPool != null) {
            ownedPool.dispose();
        }
    }
}
