package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.TlsOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LakehousePostgresClient} connects over the Postgres wire protocol. Immutable; build with
 * {@link #builder()}, derive variants with {@link #mutate()}. Every setting but the endpoint has a default
 * ({@code DEFAULT_*}); the endpoint and the credentials come from the environment when not given ({@value #ENV_ENDPOINT}, and
 * {@link Credentials#fromEnvironment()}'s variables, the same as the REST and Flight clients). Invalid settings, no
 * endpoint, or no resolvable credentials, fail in {@link Builder#build()} with a {@link ConfigurationException}.
 *
 * <p><b>Endpoint.</b> A libpq-style URI without credentials: {@code postgresql://host[:port]/database}. There is no
 * default host: nothing public names Altertable's Postgres host, so it must be given ({@link Builder#endpoint(String)}
 * or {@value #ENV_ENDPOINT}). The endpoint is TLS on port {@value #DEFAULT_PORT}, the port used when the URI names
 * none. The database is the lakehouse catalog; without one the server picks its default. TLS is on unless the URI says
 * {@code ?sslmode=disable} (or the endpoint was given with {@link Builder#plaintext(String, int)}, as for the mock;
 * a plaintext endpoint must name its port). How TLS starts is {@link #tlsNegotiation()}: {@code SSLRequest} first
 * ({@link TlsNegotiation#POSTGRES}, the default) or a TLS handshake at once ({@code ?sslnegotiation=direct}).
 *
 * <p><b>Defaults, and why.</b> Altertable's Postgres endpoint is not a Postgres server but speaks its protocol, on
 * port 443 behind TLS: so TLS with full verification (certificate chain and host name, {@code verify-full}) and the
 * host name sent by SNI; {@code autodetectExtensions} off (no {@code pg_type} lookups for hstore or PostGIS codecs,
 * which the server has no reason to answer); a bounded prepared-statement cache
 * ({@link #preparedStatementCacheQueries()}, the driver's own default is unbounded); a fetch size
 * ({@link #fetchSize()}), so that rows are read with {@code Execute} row limits as the subscriber asks for them and a
 * cancelled query stops within one fetch; and an application name that identifies the library in the server's logs.
 *
 * <p>The options hold no resources. {@link #toString()} never shows a secret.
 */
public final class PostgresClientOptions {

    /** The port of an endpoint URI that names none: Altertable's Postgres endpoint is TLS on 443. */
    public static final int DEFAULT_PORT = 443;
    /** Environment variable read for the endpoint when none is given. */
    public static final String ENV_ENDPOINT = "ALTERTABLE_POSTGRES_URL";
    /** TCP and TLS connect, and the startup (authentication) exchange. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Rows asked for by each {@code Execute}: at most this many rows are read ahead of demand per query. */
    public static final int DEFAULT_FETCH_SIZE = 1000;
    /** Parsed statements kept per connection (the driver's default, -1, keeps every distinct statement forever). */
    public static final int DEFAULT_PREPARED_STATEMENT_CACHE_QUERIES = 64;
    /** Connections of the client that may be open at once (one per running query); further queries wait their turn. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** The {@code application_name} sent at startup; {@link Builder#applicationName(String)} appends to it. */
    public static final String DEFAULT_APPLICATION_NAME = "altertable-reactive/0.1.0";

    private final String host;
    private final int port;
    private final String database;
    private final boolean tls;
    private final TlsNegotiation tlsNegotiation;
    private final CredentialsProvider credentials;
    private final TlsOptions tlsOptions;
    private final Duration connectTimeout;
    private final int fetchSize;
    private final int preparedStatementCacheQueries;
    private final int maxConnections;
    private final String applicationProduct;

    private PostgresClientOptions(Builder b, Endpoint endpoint, CredentialsProvider creds) {
        this.host = endpoint.host;
        this.port = endpoint.port;
        this.database = endpoint.database;
        this.tls = endpoint.tls;
        this.tlsNegotiation = endpoint.negotiation;
        this.credentials = creds;
        this.tlsOptions = b.tlsOptions;
        this.connectTimeout = b.connectTimeout;
        this.fetchSize = b.fetchSize;
        this.preparedStatementCacheQueries = b.preparedStatementCacheQueries;
        this.maxConnections = b.maxConnections;
        this.applicationProduct = b.applicationProduct;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options (endpoint and credentials as resolved). */
    public Builder mutate() {
        Builder b = new Builder();
        b.endpoint = endpoint();
        b.tlsNegotiation = tls ? tlsNegotiation : null;
        b.credentials = credentials;
        b.tlsOptions = tlsOptions;
        b.connectTimeout = connectTimeout;
        b.fetchSize = fetchSize;
        b.preparedStatementCacheQueries = preparedStatementCacheQueries;
        b.maxConnections = maxConnections;
        b.applicationProduct = applicationProduct;
        return b;
    }

    /**
     * The endpoint as a URI: {@code postgresql://host:port[/database]}, with {@code ?sslmode=disable} when plaintext
     * and {@code ?sslnegotiation=direct} for {@link TlsNegotiation#DIRECT}.
     */
    public URI endpoint() {
        return URI.create("postgresql://" + hostForUri() + ":" + port + (database == null ? "" : "/" + database)
                + (!tls ? "?sslmode=disable"
                        : tlsNegotiation == TlsNegotiation.DIRECT ? "?sslnegotiation=direct" : ""));
    }

    private String hostForUri() {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The database (lakehouse catalog), or {@code null} for the server's default. */
    public String database() {
        return database;
    }

    /** Whether connections use TLS ({@code verify-full}, with SNI); {@code false} only when asked for. */
    public boolean isTls() {
        return tls;
    }

    /**
     * How a TLS connection starts: {@code SSLRequest} first ({@link TlsNegotiation#POSTGRES}, the default) or the TLS
     * handshake at once ({@link TlsNegotiation#DIRECT}). {@link TlsNegotiation#POSTGRES} when plaintext.
     */
    public TlsNegotiation tlsNegotiation() {
        return tlsNegotiation;
    }

    public CredentialsProvider credentials() {
        return credentials;
    }

    /** Trust roots and client certificate when {@link #isTls()}. */
    public TlsOptions tls() {
        return tlsOptions;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Rows per {@code Execute} of a query: the most read ahead of the subscriber's demand. */
    public int fetchSize() {
        return fetchSize;
    }

    /** Parsed statements cached per connection ({@code 0}: none). */
    public int preparedStatementCacheQueries() {
        return preparedStatementCacheQueries;
    }

    /** Connections the client opens at most at once (one per running query). */
    public int maxConnections() {
        return maxConnections;
    }

    /** The whole {@code application_name} sent at startup. */
    public String applicationName() {
        return applicationProduct == null ? DEFAULT_APPLICATION_NAME : DEFAULT_APPLICATION_NAME + " " + applicationProduct;
    }

    @Override
    public String toString() {
        return "PostgresClientOptions[endpoint=" + endpoint() + ", credentials=" + credentials + ", tls="
                + (tls ? tlsOptions + ", tlsNegotiation=" + tlsNegotiation : "off") + ", connectTimeout="
                + connectTimeout + ", fetchSize=" + fetchSize
                + ", preparedStatementCacheQueries=" + preparedStatementCacheQueries + ", maxConnections="
                + maxConnections + ", applicationName=" + applicationName() + "]";
    }

    /** Builder for {@link PostgresClientOptions}; invalid values fail at {@link #build()}. */
    public static final class Builder {
        private URI endpoint;
        private TlsNegotiation tlsNegotiation;
        private CredentialsProvider credentials;
        private Map<String, String> environment = System.getenv();
        private TlsOptions tlsOptions = TlsOptions.systemDefault();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int fetchSize = DEFAULT_FETCH_SIZE;
        private int preparedStatementCacheQueries = DEFAULT_PREPARED_STATEMENT_CACHE_QUERIES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private String applicationProduct;

        private Builder() {
        }

        /**
         * A URI {@code postgresql://host[:port]/database} (or {@code postgres://}; port {@value #DEFAULT_PORT} when
         * omitted). Parameters: {@code sslmode=disable} for plaintext (any other {@code sslmode} than
         * {@code verify-full} is refused: verification is never turned off), {@code sslnegotiation=postgres|direct}
         * (see {@link #tlsNegotiation(TlsNegotiation)}); no others. Default: the {@value #ENV_ENDPOINT} environment
         * variable; without either, {@link #build()} fails (there is no default host).
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** As {@link #endpoint(URI)}; a malformed URI fails at once with a {@link ConfigurationException}. */
        public Builder endpoint(String endpoint) {
            return endpoint(uri(Objects.requireNonNull(endpoint, "endpoint")));
        }

        /**
         * Plaintext {@code postgresql://host:port/database?sslmode=disable}, as the mock serves ({@code database} may be
         * {@code null}).
         */
        public Builder plaintext(String host, int port, String database) {
            Objects.requireNonNull(host, "host");
            return endpoint(uri("postgresql://" + host + ":" + port + (database == null ? "" : "/" + database)
                    + "?sslmode=disable"));
        }

        /** As {@link #plaintext(String, int, String)} without a database. */
        public Builder plaintext(String host, int port) {
            return plaintext(host, port, null);
        }

        public Builder credentials(Credentials credentials) {
            return credentials(CredentialsProvider.of(credentials));
        }

        /**
         * Resolved for every new connection (asked once for the username and once for the password), so that secrets
         * can rotate; without any, the {@code ALTERTABLE_*} environment is read at build. A token
         * ({@link Credentials#token(String)}) is decoded to its username and password, which the protocol sends.
         */
        public Builder credentials(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * How a TLS connection starts, as the URI's {@code sslnegotiation} parameter (the two must not disagree);
         * default {@link TlsNegotiation#POSTGRES} ({@code SSLRequest} first, as every Postgres client). Choose
         * {@link TlsNegotiation#DIRECT} for a TLS-first endpoint that does not answer {@code SSLRequest}. Refused with
         * a plaintext endpoint.
         */
        public Builder tlsNegotiation(TlsNegotiation negotiation) {
            this.tlsNegotiation = Objects.requireNonNull(negotiation, "negotiation");
            return this;
        }

        /** The variables read when no endpoint or credentials are given (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Trust roots and client certificate for a TLS endpoint; default {@link TlsOptions#systemDefault()}. */
        public Builder tls(TlsOptions tls) {
            this.tlsOptions = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** TCP and TLS connect and the startup exchange, positive; default {@code 10s}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Rows per {@code Execute}, at least 1; default {@value #DEFAULT_FETCH_SIZE}. */
        public Builder fetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        /** Parsed statements cached per connection, 0 or more; default {@value #DEFAULT_PREPARED_STATEMENT_CACHE_QUERIES}. */
        public Builder preparedStatementCacheQueries(int queries) {
            this.preparedStatementCacheQueries = queries;
            return this;
        }

        /** Connections open at once for the client's queries, at least 1; default {@value #DEFAULT_MAX_CONNECTIONS}. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Appended to the {@code application_name} (for example your service's name). */
        public Builder applicationName(String product) {
            this.applicationProduct = Objects.requireNonNull(product, "product");
            return this;
        }

        /**
         * @throws ConfigurationException without an endpoint, for an endpoint that is not a {@code postgresql://} URI
         *                                with a host, missing credentials, or a value out of range
         */
        public PostgresClientOptions build() {
            URI url = endpoint;
            if (url == null) {
                String fromEnvironment = environment.get(ENV_ENDPOINT);
                if (fromEnvironment == null || fromEnvironment.isBlank()) {
                    throw new ConfigurationException("no Postgres endpoint: set the " + ENV_ENDPOINT
                            + " environment variable or PostgresClientOptions.builder().endpoint(...) to"
                            + " postgresql://<host>[:port]/<catalog> (Altertable's Postgres endpoint is TLS on port "
                            + DEFAULT_PORT + ", the default when the URI names no port)");
                }
                url = uri(fromEnvironment.strip());
            }
            Endpoint parsed = Endpoint.parse(url, tlsNegotiation);
            if (!positive(connectTimeout)) {
                throw new ConfigurationException("connectTimeout must be positive, was " + connectTimeout);
            }
            if (fetchSize < 1) {
                throw new ConfigurationException("fetchSize must be at least 1, was " + fetchSize);
            }
            if (preparedStatementCacheQueries < 0) {
                throw new ConfigurationException("preparedStatementCacheQueries must not be negative, was "
                        + preparedStatementCacheQueries);
            }
            if (maxConnections < 1) {
                throw new ConfigurationException("maxConnections must be at least 1, was " + maxConnections);
            }
            if (!parsed.tls && tlsOptions != TlsOptions.systemDefault()) {
                throw new ConfigurationException("tls options are set but the Postgres endpoint is plaintext: " + url);
            }
            CredentialsProvider creds = CredentialsProvider.resolve(credentials, environment);
            return new PostgresClientOptions(this, parsed, creds);
        }

        private static boolean positive(Duration d) {
            return !d.isNegative() && !d.isZero() && d.toMillis() <= Integer.MAX_VALUE;
        }

        private static URI uri(String endpoint) {
            try {
                return URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("the Postgres endpoint is not a valid URI");
            }
        }
    }
}
