package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.BatchingOptions.ErrorPolicy;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.batch.CoalescingAppender.Overflow;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code altertable.*} properties. A setting left unset keeps the client library's default (its
 * {@code DEFAULT_*} constant, named in each description); the base URL, the Flight endpoint and the credentials then
 * come from the {@code ALTERTABLE_*} environment as the library discovers it ({@code ALTERTABLE_BASE_URL},
 * {@code ALTERTABLE_FLIGHT_URL}, {@code ALTERTABLE_LAKEHOUSE_USERNAME}/{@code _PASSWORD} or
 * {@code ALTERTABLE_BASIC_AUTH_TOKEN}). {@link #toString()} never shows a secret.
 *
 * @param baseUrl     the Lakehouse REST base URL, {@code http(s)://host[:port]}; default {@code ALTERTABLE_BASE_URL},
 *                    else {@code https://api.altertable.ai}
 * @param credentials the credentials of both clients; default: the {@code ALTERTABLE_*} environment
 * @param userAgent   a product appended to the {@code User-Agent} header of the REST client, e.g. your service's name
 * @param retry       the retry policy of both clients (backoff, attempts, time cap; what may be retried is fixed)
 * @param rest        the REST client ({@code LakehouseClient})
 * @param flight      the Flight SQL client ({@code LakehouseFlightClient}), when reactive-flight is on the class path
 * @param batching    the batching defaults of every appender declared under {@code altertable.appenders}
 * @param appenders   shared, batching appenders by name, each for one table, closed gracefully on shutdown
 * @param health      the {@code altertable} health indicator
 */
@ConfigurationProperties("altertable")
public record AltertableProperties(
        String baseUrl,
        @DefaultValue CredentialProperties credentials,
        String userAgent,
        @DefaultValue Retry retry,
        @DefaultValue Rest rest,
        @DefaultValue Flight flight,
        @DefaultValue Batching batching,
        Map<String, Appender> appenders,
        @DefaultValue Health health) {

    /** With {@code appenders} never {@code null}. */
    public AltertableProperties {
        appenders = appenders == null ? Map.of() : Map.copyOf(appenders);
    }

    /**
     * Credentials: a username and password, or a pre-encoded Basic token, not both. All unset: the
     * {@code ALTERTABLE_*} environment.
     *
     * @param username the user (no {@code :}); requires {@code password}
     * @param password the user's password
     * @param token    a pre-encoded Basic token, {@code base64(username:password)}, with or without {@code Basic }
     */
    public record CredentialProperties(String username, String password, String token) {

        /** Empty values count as unset. */
        public CredentialProperties {
            username = username == null || username.isEmpty() ? null : username;
            password = password == null || password.isEmpty() ? null : password;
            token = token == null || token.isBlank() ? null : token;
        }

        /** Whether any credential property is set. */
        public boolean isSet() {
            return username != null || password != null || token != null;
        }

        /** Never shows the password or the token. */
        @Override
        public String toString() {
            return "CredentialProperties[username=" + username + ", password=" + (password == null ? "null" : "***")
                    + ", token=" + (token == null ? "null" : "***") + "]";
        }
    }

    /**
     * The retry policy of both clients. Unset values keep {@code RetryPolicy.defaults()}.
     *
     * @param maxAttempts      attempts in total, the first included; 1 disables retries (default 4)
     * @param initialBackoff   backoff before the first retry, before jitter (default 100ms)
     * @param maxBackoff       upper bound of one backoff (default 5s)
     * @param jitter           jitter factor between 0 and 1 (default 0.5)
     * @param maxElapsed       no retry starts later than this after the first attempt (default 30s)
     * @param honourRetryAfter whether to wait as long as the server's {@code Retry-After} says (default true)
     * @param maxRetryAfter    the longest {@code Retry-After} waited for (default 30s)
     */
    public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Double jitter,
                        Duration maxElapsed, Boolean honourRetryAfter, Duration maxRetryAfter) {
    }

    /**
     * The REST client. Unset values keep {@code LakehouseClientOptions}' defaults.
     *
     * @param enabled         whether to create the {@code LakehouseClient} bean (default true)
     * @param connectTimeout  TCP and TLS connect (default 5s)
     * @param responseTimeout a JSON response, or the first bytes of a stream; 0 turns it off (default 60s)
     * @param idleTimeout     between two chunks of a stream while the subscriber waits; 0 turns it off (default 60s)
     * @param maxLineSize     the longest NDJSON line (one row) accepted, at least 1KB (default 64MB)
     * @param maxConnections  connections of the pool (default 256)
     * @param maxIdleTime     pooled connections idle longer than this are closed (default 30s)
     * @param maxLifeTime     pooled connections older than this are closed once idle (default 10m)
     */
    public record Rest(@DefaultValue("true") boolean enabled, Duration connectTimeout, Duration responseTimeout,
                       Duration idleTimeout, DataSize maxLineSize, Integer maxConnections, Duration maxIdleTime,
                       Duration maxLifeTime) {
    }

    /**
     * The Flight SQL client. Unset values keep {@code FlightClientOptions}' defaults.
     *
     * @param enabled                whether to create the {@code LakehouseFlightClient} bean when reactive-flight is on
     *                               the class path (default true)
     * @param endpoint               a Flight location, {@code grpc+tls://host:port} or {@code grpc://host:port};
     *                               default {@code ALTERTABLE_FLIGHT_URL}, else {@code grpc+tls://flight.altertable.ai:443}
     * @param callTimeout            deadline of each unary call; 0 for none (default 60s)
     * @param idleTimeout            longest wait for the next batch while the subscriber waits; 0 for none (default 60s)
     * @param prefetch               batches fetched ahead of demand per stream (default 1)
     * @param threads                threads for Arrow's blocking calls (default max(4, 2 x cores))
     * @param maxInboundMessageSize  the largest message accepted from the server, at least 1KB (default 64MB)
     * @param maxMemory              limit of the client's Arrow allocator (default: no limit)
     * @param session                session options applied after every handshake
     */
    public record Flight(@DefaultValue("true") boolean enabled, String endpoint, Duration callTimeout,
                         Duration idleTimeout, Integer prefetch, Integer threads, DataSize maxInboundMessageSize,
                         DataSize maxMemory, @DefaultValue Session session) {
    }

    /**
     * Flight SQL session options.
     *
     * @param catalog     the current catalog ({@code memory} on the mock)
     * @param schema      the current schema ({@code main} on the mock)
     * @param computeSize XS, S, M, L, XL, 2XL, 3XL or 4XL
     */
    public record Session(String catalog, String schema, String computeSize) {
    }

    /**
     * How appended rows are cut into batches. Unset values keep {@code BatchingOptions}' defaults.
     *
     * @param maxRows           rows per batch (default 10000)
     * @param maxBytes          encoded bytes per batch (default 1.5MB)
     * @param linger            longest time a partly filled batch waits for more rows; 0 turns it off (default 50ms)
     * @param maxInFlight       batches written at once (default 2)
     * @param deliveryGuarantee whether a failed batch is re-sent (default at-most-once)
     * @param errorPolicy       what a batched write does after a batch failed for good (default fail-fast)
     */
    public record Batching(Integer maxRows, DataSize maxBytes, Duration linger, Integer maxInFlight,
                           DeliveryGuarantee deliveryGuarantee, ErrorPolicy errorPolicy) {
    }

    /**
     * One shared appender ({@code TableAppender}) for one table.
     *
     * @param table    the table, {@code catalog.schema.table}
     * @param sync     whether each batch is committed before the lakehouse answers (default false: a task commits it)
     * @param capacity rows queued or in flight at most (default 10000)
     * @param overflow what an append does when the appender is full: wait for room, or fail (default wait)
     * @param batching batching settings of this appender, over {@code altertable.batching}
     */
    public record Appender(String table, @DefaultValue("false") boolean sync, @DefaultValue("10000") int capacity,
                           @DefaultValue("wait") Overflow overflow, @DefaultValue Batching batching) {
    }

    /**
     * The {@code altertable} health indicator.
     *
     * @param timeout the longest a check may take; past it the client is reported DOWN (default 5s)
     */
    public record Health(@DefaultValue("5s") Duration timeout) {
    }
}
