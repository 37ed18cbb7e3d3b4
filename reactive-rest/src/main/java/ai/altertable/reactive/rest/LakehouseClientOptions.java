package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.TlsOptions;
import reactor.netty.http.client.HttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a {@link LakehouseClient} connects and behaves. Immutable; build with {@link #builder()}, derive variants with
 * {@link #mutate()}. Every setting has a default ({@code DEFAULT_*}); the base URL and the credentials come from the
 * environment when not given ({@value #ENV_BASE_URL}, and {@link Credentials#fromEnvironment()}'s variables).
 * Invalid settings, or no resolvable credentials, fail in {@link Builder#build()} with a
 * {@link ConfigurationException}.
 *
 * <p><b>Connections.</b> {@link LakehouseClient#create(LakehouseClientOptions)} creates a connection pool of
 * {@link #maxConnections()} connections from these settings and owns it; {@link LakehouseClient#withOptions} makes a
 * client with other options on the same pool, which is why the pool's own settings ({@code maxConnections},
 * {@code maxIdleTime}, {@code maxLifeTime}) cannot differ there.
 *
 * <p><b>TLS and proxy.</b> An {@code https} base URL uses TLS with {@link #tls()} (default: the JVM's trust roots;
 * host name verification is always on). A proxy ({@link #proxy()}) is an HTTP {@code CONNECT} tunnel; without one in
 * the options, {@code HTTPS_PROXY}/{@code NO_PROXY} of the environment apply to an {@code https} base URL.
 *
 * <p>The options hold no resources. {@link #toString()} never shows a secret.
 */
public final class LakehouseClientOptions {

    /** The production base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.altertable.ai";
    /** Environment variable read for the base URL when none is given. */
    public static final String ENV_BASE_URL = "ALTERTABLE_BASE_URL";
    /** TCP (and TLS) connect. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Wait for a JSON response, or for the first bytes of a streamed one. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /** Wait between two chunks of a streamed response while the subscriber waits for data. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Longest NDJSON line (one row) accepted. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
    /** Connections of the pool; further requests wait for one (no limit on how many wait). */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** Pooled connections idle longer than this are closed: below common load-balancer idle timeouts (60 s). */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);
    /** Pooled connections older than this are closed once idle. */
    public static final Duration DEFAULT_MAX_LIFE_TIME = Duration.ofMinutes(10);
    /** The {@code User-Agent} header; {@link Builder#userAgent(String)} appends a product to it. */
    public static final String DEFAULT_USER_AGENT = "altertable-reactive/0.1.0";

    private static final UnaryOperator<HttpClient> IDENTITY = UnaryOperator.identity();

    private final URI baseUrl;
    private final CredentialsProvider credentials;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration idleTimeout;
    private final int maxLineBytes;
    private final RetryPolicy retryPolicy;
    private final int maxConnections;
    private final Duration maxIdleTime;
    private final Duration maxLifeTime;
    private final String userAgentProduct;
    private final UnaryOperator<HttpClient> httpClient;
    private final TlsOptions tls;
    private final ProxyOptions proxy;
    private final ClientObservability observability;

    private LakehouseClientOptions(Builder b, URI baseUrl, CredentialsProvider credentials, ProxyOptions proxy) {
        this.tls = b.tls;
        this.proxy = proxy;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxLineBytes = b.maxLineBytes;
        this.retryPolicy = b.retryPolicy;
        this.maxConnections = b.maxConnections;
        this.maxIdleTime = b.maxIdleTime;
        this.maxLifeTime = b.maxLifeTime;
        this.userAgentProduct = b.userAgentProduct;
        this.httpClient = b.httpClient;
        this.observability = b.observability;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options (base URL and credentials as resolved). */
    public Builder mutate() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.credentials = credentials;
        b.connectTimeout = connectTimeout;
        b.responseTimeout = responseTimeout;
        b.idleTimeout = idleTimeout;
        b.maxLineBytes = maxLineBytes;
        b.retryPolicy = retryPolicy;
        b.maxConnections = maxConnections;
        b.maxIdleTime = maxIdleTime;
        b.maxLifeTime = maxLifeTime;
        b.userAgentProduct = userAgentProduct;
        b.httpClient = httpClient;
        b.tls = tls;
        b.proxy = proxy;
        b.observability = observability;
        return b;
    }

    /** The server, without a trailing slash, for example {@code https://api.altertable.ai}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public CredentialsProvider credentials() {
        return credentials;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Zero when disabled. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** Zero when disabled. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public Duration maxIdleTime() {
        return maxIdleTime;
    }

    public Duration maxLifeTime() {
        return maxLifeTime;
    }

    /** The whole {@code User-Agent} header value. */
    public String userAgent() {
        return userAgentProduct == null ? DEFAULT_USER_AGENT : DEFAULT_USER_AGENT + " " + userAgentProduct;
    }

    /** The customizer applied last to the Reactor Netty {@link HttpClient} (identity when none was given). */
    public UnaryOperator<HttpClient> httpClient() {
        return httpClient;
    }

    /** How the server's certificate is verified and which client certificate is presented (for {@code https}). */
    public TlsOptions tls() {
        return tls;
    }

    /** The proxy, as resolved at build ({@link ProxyOptions#none()} for a direct connection). */
    public ProxyOptions proxy() {
        return proxy;
    }

    /** Where the client reports metrics and traces; {@link ClientObservability#none()} by default. */
    public ClientObservability observability() {
        return observability;
    }

    /** Whether a client with {@code other} can share a connection pool made for these options. */
    boolean samePoolSettings(LakehouseClientOptions other) {
        return maxConnections == other.maxConnections && maxIdleTime.equals(other.maxIdleTime)
                && maxLifeTime.equals(other.maxLifeTime);
    }

    @Override
    public String toString() {
        return "LakehouseClientOptions[baseUrl=" + baseUrl + ", credentials=" + credentials
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", idleTimeout=" + idleTimeout + ", maxLineBytes=" + maxLineBytes
                + ", maxConnections=" + maxConnections + ", maxIdleTime=" + maxIdleTime + ", maxLifeTime=" + maxLifeTime
                + ", userAgent=" + userAgent() + ", httpClient=" + (httpClient == IDENTITY ? "default" : "customized")
                + ", tls=" + tls + ", proxy=" + proxy + ", retry=" + retryPolicy + ", observability=" + observability + "]";
    }

    /** Builder for {@link LakehouseClientOptions}; invalid values fail at {@link #build()}. */
    public static final class Builder {
        private URI baseUrl;
        private CredentialsProvider credentials;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration maxIdleTime = DEFAULT_MAX_IDLE_TIME;
        private Duration maxLifeTime = DEFAULT_MAX_LIFE_TIME;
        private String userAgentProduct;
        private UnaryOperator<HttpClient> httpClient = IDENTITY;
        private Map<String, String> environment = System.getenv();
        private TlsOptions tls = TlsOptions.systemDefault();
        private ProxyOptions proxy;
        private ClientObservability observability = ClientObservability.none();

        private Builder() {
        }

        /**
         * The server, an {@code http} or {@code https} URL; default: the {@value #ENV_BASE_URL} environment variable,
         * else {@value #DEFAULT_BASE_URL}.
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** As {@link #baseUrl(URI)}; a malformed URL fails at {@link #build()}. */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            try {
                return baseUrl(URI.create(baseUrl));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("baseUrl is not a valid URL", e);
            }
        }

        public Builder credentials(Credentials credentials) {
            return credentials(CredentialsProvider.of(credentials));
        }

        /** Resolved per request, so that secrets can rotate; without any, the environment is read at build. */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The variables read when no base URL or credentials are given (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** TCP and TLS connect, positive; default {@code 5s}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Wait for a JSON response, or for the first bytes of a streamed one; {@link Duration#ZERO} disables it. */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Wait between two chunks of a stream while the subscriber is waiting for data; {@link Duration#ZERO} disables
         * it. A subscriber that is slow (requests nothing) never triggers it. Ends the stream with an
         * {@link ai.altertable.reactive.core.OperationTimeoutException} and cancels the query on the server.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Longest NDJSON line (one row) accepted, at least 1024; a longer one is a {@code ResponseParseException}. */
        public Builder maxLineBytes(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        /** Backoff, attempts and time cap of retries; which failures are retried is fixed (see {@link RetryPolicy}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Connections of the pool, at least 1. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Pooled connections idle longer than this are closed; positive. */
        public Builder maxIdleTime(Duration maxIdleTime) {
            this.maxIdleTime = Objects.requireNonNull(maxIdleTime, "maxIdleTime");
            return this;
        }

        /** Pooled connections older than this are closed once idle; positive. */
        public Builder maxLifeTime(Duration maxLifeTime) {
            this.maxLifeTime = Objects.requireNonNull(maxLifeTime, "maxLifeTime");
            return this;
        }

        /** Appended to the {@code User-Agent} header (for example your service's name). */
        public Builder userAgent(String product) {
            this.userAgentProduct = Objects.requireNonNull(product, "product");
            return this;
        }

        /**
         * Further Reactor Netty settings (proxy, TLS, metrics, headers), applied last. Must not add retries: writes are
         * at most once.
         */
        public Builder httpClient(UnaryOperator<HttpClient> customizer) {
            this.httpClient = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Trust roots and client certificate for an {@code https} base URL; default {@link TlsOptions#systemDefault()}.
         */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * An HTTP {@code CONNECT} proxy ({@link ProxyOptions#none()} for none); default: {@code HTTPS_PROXY} and
         * {@code NO_PROXY} of the {@linkplain #environment environment} for an {@code https} base URL, none otherwise.
         */
        public Builder proxy(ProxyOptions proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Metrics and tracing: for example {@code MicrometerObservability} of the {@code reactive-micrometer} module;
         * default {@link ClientObservability#none()}, which records nothing and costs nothing.
         */
        public Builder observability(ClientObservability observability) {
            this.observability = Objects.requireNonNull(observability, "observability");
            return this;
        }

        /**
         * @throws ConfigurationException for invalid settings or when no credentials can be resolved
         */
        public LakehouseClientOptions build() {
            URI url = validUrl(baseUrl != null ? baseUrl.toString()
                    : environment.getOrDefault(ENV_BASE_URL, DEFAULT_BASE_URL));
            if (maxLineBytes < 1024) {
                throw new ConfigurationException("maxLineBytes must be at least 1024, was " + maxLineBytes);
            }
            if (maxConnections < 1) {
                throw new ConfigurationException("maxConnections must be at least 1, was " + maxConnections);
            }
            if (!positive(connectTimeout) || connectTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new ConfigurationException("connectTimeout must be positive, was " + connectTimeout);
            }
            if (responseTimeout.isNegative() || idleTimeout.isNegative()) {
                throw new ConfigurationException("responseTimeout and idleTimeout must not be negative");
            }
            if (!positive(maxIdleTime) || !positive(maxLifeTime)) {
                throw new ConfigurationException("maxIdleTime and maxLifeTime must be positive");
            }
            boolean https = "https".equalsIgnoreCase(url.getScheme());
            if (!https && tls != TlsOptions.systemDefault()) {
                throw new ConfigurationException("tls options are set but the base URL is plain http: " + url);
            }
            ProxyOptions resolvedProxy = proxy != null ? proxy
                    : https ? ProxyOptions.fromEnvironment(environment) : ProxyOptions.none();
            CredentialsProvider creds = CredentialsProvider.resolve(credentials, environment);
            return new LakehouseClientOptions(this, url, creds, resolvedProxy);
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero();
        }

        private static URI validUrl(String url) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("baseUrl is not a valid URL", e);
            }
            if (u.getRawUserInfo() != null) { // checked first: the message below repeats the URL
                throw new ConfigurationException("baseUrl must not carry credentials; use credentials(...)");
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new ConfigurationException("baseUrl must be an http(s) URL with a host, was " + url);
            }
            String s = u.toString();
            return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
        }
    }
}
