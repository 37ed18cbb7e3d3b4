package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.TlsOptions;
import org.apache.arrow.memory.BufferAllocator;
import reactor.core.scheduler.Scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LakehouseFlightClient} connects and behaves. Immutable; build with {@link #builder()}, derive variants
 * with {@link #mutate()}. Every setting has a default ({@code DEFAULT_*}); the endpoint and the credentials come from
 * the environment when not given ({@value #ENV_ENDPOINT}, and {@link Credentials#fromEnvironment()}'s variables). Invalid settings, or no resolvable credentials, fail in
 * {@link Builder#build()} with a {@link ConfigurationException}.
 *
 * <p>The endpoint is a Flight location: {@code grpc+tls://host:port} (production, the default
 * {@value #DEFAULT_ENDPOINT}) or {@code grpc://host:port} / {@code grpc+tcp://host:port} for plaintext (the mock
 * without TLS).
 *
 * <p><b>TLS and proxy.</b> A {@code grpc+tls} endpoint uses TLS with {@link #tls()} (default: the JVM's trust roots;
 * host name verification is always on; gRPC negotiates HTTP/2 with ALPN, which the JDK provides). A proxy
 * ({@link #proxy()}) is an HTTP {@code CONNECT} tunnel (gRPC's proxy support); without one in the options,
 * {@code HTTPS_PROXY}/{@code NO_PROXY} of the environment apply to a {@code grpc+tls} endpoint.
 *
 * <p><b>Threads.</b> The client has two kinds of threads.
 * <ul>
 *   <li><b>io threads</b> ({@code altertable-flight-io-…}): Arrow Flight's Java API blocks (a unary call waits for its
 *       answer, {@code FlightStream.next()} for the next batch, {@code close()} for the stream to drain), and every
 *       such call runs on a bounded scheduler of ordinary threads, never on a delivery thread nor on a Reactor or Netty
 *       event loop. By default the client creates it with {@link #threads()} threads ({@link #DEFAULT_THREADS} unless
 *       set): at most that many blocking calls at once, others wait their turn. {@link Builder#scheduler(Scheduler)}
 *       supplies one the caller owns instead. Only the client's own code runs there.</li>
 *   <li><b>delivery threads</b> ({@code altertable-flight-…}): batches, rows, results and errors are delivered on a
 *       small parallel scheduler the client owns (one thread per core, at most {@link #threads()}), whose threads are
 *       non-blocking in Reactor's sense, like {@code Schedulers.parallel()}'s. Your code runs there: your operators,
 *       the function of callback-scoped batches, an ingest's source once its first batches are under way (the
 *       subscribing thread asks for those). A {@code block()} there fails at
 *       once with Reactor's {@code IllegalStateException}, and BlockHound, when installed, reports any other blocking
 *       call; {@code publishOn(Schedulers.boundedElastic())} moves blocking work elsewhere.</li>
 * </ul>
 * {@link LakehouseFlightClient#close()} disposes both schedulers the client created (never the caller's).
 *
 * <p><b>Memory.</b> The client allocates from one root allocator: its own, limited to {@link Builder#maxMemory(long)}, or a
 * child of the allocator given to {@link Builder#allocator(BufferAllocator)} (the caller keeps owning that one and closes
 * it after the client).
 *
 * <p>The options themselves are immutable and hold no resources; the client built from them owns what is described
 * above and releases it in {@link LakehouseFlightClient#close()}.
 */
public final class FlightClientOptions {

    /** The production Flight SQL endpoint. */
    public static final String DEFAULT_ENDPOINT = "grpc+tls://flight.altertable.ai:443";
    /** Environment variable read for the endpoint when none is given. */
    public static final String ENV_ENDPOINT = "ALTERTABLE_FLIGHT_URL";
    /** Batches fetched ahead of the subscriber's demand, per stream. */
    public static final int DEFAULT_PREFETCH = 1;
    /** Threads of the client's own io scheduler: at most this many Flight calls block at once; others wait their turn. */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    /** Deadline of each unary call (handshake, GetFlightInfo, actions). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Longest wait for the next batch of a stream while the subscriber is waiting for it. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Largest message accepted from the server (the server sends at most about 2 MiB per message). */
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final URI endpoint;
    private final CredentialsProvider credentials;
    private final SessionOptions sessionOptions;
    private final int prefetch;
    private final int threads;
    private final Scheduler scheduler;
    private final RetryPolicy retryPolicy;
    private final ClientObservability observability;
    private final Duration callTimeout;
    private final Duration idleTimeout;
    private final int maxInboundMessageBytes;
    private final BufferAllocator allocator;
    private final long maxMemory;
    private final TlsOptions tls;
    private final ProxyOptions proxy;

    private FlightClientOptions(Builder b, ProxyOptions proxy) {
        this.tls = b.tls;
        this.proxy = proxy;
        this.endpoint = b.endpoint;
        this.credentials = b.credentials;
        this.sessionOptions = b.sessionOptions;
        this.prefetch = b.prefetch;
        this.threads = b.threads;
        this.scheduler = b.scheduler;
        this.retryPolicy = b.retryPolicy;
        this.observability = b.observability;
        this.callTimeout = b.callTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxInboundMessageBytes = b.maxInboundMessageBytes;
        this.allocator = b.allocator;
        this.maxMemory = b.maxMemory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder mutate() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.credentials = credentials;
        b.sessionOptions = sessionOptions;
        b.prefetch = prefetch;
        b.threads = threads;
        b.scheduler = scheduler;
        b.retryPolicy = retryPolicy;
        b.observability = observability;
        b.callTimeout = callTimeout;
        b.idleTimeout = idleTimeout;
        b.maxInboundMessageBytes = maxInboundMessageBytes;
        b.allocator = allocator;
        b.maxMemory = maxMemory;
        b.tls = tls;
        b.proxy = proxy;
        return b;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Whether the endpoint uses TLS ({@code grpc+tls}). */
    public boolean isTls() {
        return "grpc+tls".equals(endpoint.getScheme());
    }

    /** How the server's certificate is verified and which client certificate is presented (for {@code grpc+tls}). */
    public TlsOptions tls() {
        return tls;
    }

    /** The proxy, as resolved at build ({@link ProxyOptions#none()} for a direct connection). */
    public ProxyOptions proxy() {
        return proxy;
    }

    public CredentialsProvider credentials() {
        return credentials;
    }

    public SessionOptions sessionOptions() {
        return sessionOptions;
    }

    public int prefetch() {
        return prefetch;
    }

    public int threads() {
        return threads;
    }

    /** The caller's scheduler for Arrow's blocking calls, or {@code null} when the client creates its own. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Where the client reports metrics and traces; {@link ClientObservability#none()} by default. */
    public ClientObservability observability() {
        return observability;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int maxInboundMessageBytes() {
        return maxInboundMessageBytes;
    }

    /** The caller's parent allocator, or {@code null} when the client creates its own root allocator. */
    public BufferAllocator allocator() {
        return allocator;
    }

    public long maxMemory() {
        return maxMemory;
    }

    @Override
    public String toString() {
        return "FlightClientOptions[endpoint=" + endpoint + ", credentials=" + credentials + ", " + sessionOptions
                + ", prefetch=" + prefetch + ", threads=" + (scheduler != null ? "caller's scheduler" : threads)
                + ", callTimeout=" + callTimeout + ", idleTimeout=" + idleTimeout + ", tls=" + tls + ", proxy=" + proxy
                + ", retry=" + retryPolicy + ", observability=" + observability + "]";
    }

    /** Builder for {@link FlightClientOptions}; invalid values fail at {@link #build()}. */
    public static final class Builder {
        private URI endpoint;
        private CredentialsProvider credentials;
        private SessionOptions sessionOptions = SessionOptions.none();
        private int prefetch = DEFAULT_PREFETCH;
        private int threads = DEFAULT_THREADS;
        private Scheduler scheduler;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ClientObservability observability = ClientObservability.none();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxInboundMessageBytes = DEFAULT_MAX_INBOUND_MESSAGE_BYTES;
        private BufferAllocator allocator;
        private long maxMemory = Long.MAX_VALUE;
        private Map<String, String> environment = System.getenv();
        private TlsOptions tls = TlsOptions.systemDefault();
        private ProxyOptions proxy;

        private Builder() {
        }

        /**
         * A Flight location such as {@code grpc+tls://flight.altertable.ai:443} or {@code grpc://localhost:15002};
         * default: the {@value #ENV_ENDPOINT} environment variable, else {@value #DEFAULT_ENDPOINT}.
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** As {@link #endpoint(URI)}; a malformed location fails at once with a {@link ConfigurationException}. */
        public Builder endpoint(String endpoint) {
            return endpoint(location(Objects.requireNonNull(endpoint, "endpoint")));
        }

        /** Plaintext {@code grpc://host:port}, as the mock serves. */
        public Builder endpoint(String host, int port) {
            return endpoint(URI.create("grpc://" + Objects.requireNonNull(host, "host") + ":" + port));
        }

        public Builder credentials(Credentials credentials) {
            return credentials(CredentialsProvider.of(credentials));
        }

        /** Resolved before each handshake; without any, the {@code ALTERTABLE_*} environment is read at build. */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The variables read when no endpoint or credentials are given (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Options applied after every handshake, see {@link SessionOptions}. */
        public Builder sessionOptions(SessionOptions sessionOptions) {
            this.sessionOptions = Objects.requireNonNull(sessionOptions, "sessionOptions");
            return this;
        }

        /** Batches fetched ahead of demand per stream, 0 or more; default {@value #DEFAULT_PREFETCH}. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Threads of the client's own io scheduler (Arrow's blocking calls); also caps the delivery threads, one per
         * core. The io threads are ignored with {@link #scheduler(Scheduler)}.
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * A scheduler the caller owns (never disposed by the client) on which Arrow's blocking calls run instead of the
         * client's io threads; it must allow blocking, like {@code Schedulers.boundedElastic()}. Items are still
         * delivered on the client's non-blocking delivery threads.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
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

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Deadline of each unary call; {@link Duration#ZERO} for none. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
            return this;
        }

        /** Demand-aware idle timeout of streams (only while the subscriber waits); {@link Duration#ZERO} for none. */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        public Builder maxInboundMessageBytes(int maxInboundMessageBytes) {
            this.maxInboundMessageBytes = maxInboundMessageBytes;
            return this;
        }

        /** A parent allocator the caller owns; the client allocates from a child of it and closes only that child. */
        public Builder allocator(BufferAllocator allocator) {
            this.allocator = allocator;
            return this;
        }

        /** Limit of the client's root allocator (or of its child of {@link #allocator(BufferAllocator)}). */
        public Builder maxMemory(long maxMemory) {
            this.maxMemory = maxMemory;
            return this;
        }

        /** Trust roots and client certificate for a {@code grpc+tls} endpoint; default {@link TlsOptions#systemDefault()}. */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * An HTTP {@code CONNECT} proxy ({@link ProxyOptions#none()} for none); default: {@code HTTPS_PROXY} and
         * {@code NO_PROXY} of the {@linkplain #environment environment} for a {@code grpc+tls} endpoint, none otherwise.
         */
        public Builder proxy(ProxyOptions proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * @throws ConfigurationException for an endpoint that is not a Flight location, missing credentials, or a value
         *                                out of range
         */
        public FlightClientOptions build() {
            if (endpoint == null) {
                String fromEnvironment = environment.get(ENV_ENDPOINT);
                endpoint = location(fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip()
                        : DEFAULT_ENDPOINT);
            }
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("grpc") && !scheme.equals("grpc+tcp") && !scheme.equals("grpc+tls")) {
                throw new ConfigurationException("the Flight endpoint must be grpc://, grpc+tcp:// or grpc+tls://, was "
                        + endpoint);
            }
            if (endpoint.getHost() == null || endpoint.getPort() <= 0) {
                throw new ConfigurationException("the Flight endpoint needs a host and a port, was " + endpoint);
            }
            endpoint = URI.create(scheme + "://" + endpoint.getHost() + ":" + endpoint.getPort());
            if (credentials == null) {
                credentials = CredentialsProvider.fromEnvironment(environment);
            }
            if (prefetch < 0) {
                throw new ConfigurationException("prefetch must not be negative, was " + prefetch);
            }
            if (threads < 1) {
                throw new ConfigurationException("threads must be at least 1, was " + threads);
            }
            if (callTimeout.isNegative() || idleTimeout.isNegative()) {
                throw new ConfigurationException("timeouts must not be negative");
            }
            if (maxInboundMessageBytes < 1024) {
                throw new ConfigurationException("maxInboundMessageBytes must be at least 1024, was "
                        + maxInboundMessageBytes);
            }
            if (maxMemory < 1) {
                throw new ConfigurationException("maxMemory must be positive, was " + maxMemory);
            }
            boolean secure = scheme.equals("grpc+tls");
            if (!secure && tls != TlsOptions.systemDefault()) {
                throw new ConfigurationException("tls options are set but the Flight endpoint is plaintext: " + endpoint);
            }
            ProxyOptions resolvedProxy = proxy != null ? proxy
                    : secure ? ProxyOptions.fromEnvironment(environment) : ProxyOptions.none();
            return new FlightClientOptions(this, resolvedProxy);
        }

        private static URI location(String endpoint) {
            try {
                return URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("the Flight endpoint is not a valid URI", e);
            }
        }
    }
}
