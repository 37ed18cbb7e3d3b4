package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMapper;
import ai.altertable.reactive.postgres.internal.ConnectionFactories;
import ai.altertable.reactive.postgres.internal.ConnectionPermits;
import ai.altertable.reactive.postgres.internal.PgRowConverter;
import ai.altertable.reactive.postgres.internal.PostgresErrors;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Objects;

/**
 * The reactive Postgres-wire client of the Altertable lakehouse, on r2dbc-postgresql: queries as {@code Flux}es of the
 * core {@link Row}s, the same rows the REST ({@code LakehouseClient}) and Flight ({@code LakehouseFlightClient})
 * clients return, so code that handles rows does not change with the transport.
 *
 * <pre>{@code
 * // <your-host>: the host of your Altertable Postgres endpoint (TLS on port 443, the default port)
 * LakehousePostgresClient client = LakehousePostgresClient.create(
 *         "postgresql://<your-host>/my_catalog", Credentials.basic(user, password));
 * client.query("SELECT id, name FROM users WHERE id > $1", 100).map(row -> row.getString("name"))...;
 * }</pre>
 *
 * <p><b>Connections.</b> Each query opens a connection from {@link #connectionFactory()} when it is subscribed and
 * closes it when it ends (completes, fails or is cancelled): queries never share a connection's state. At most
 * {@link PostgresClientOptions#maxConnections()} are open at once; further queries wait their turn, first come first
 * served. For connection reuse, put r2dbc-pool (or Spring's pooling) on {@link #connectionFactory()} yourself.
 *
 * <p><b>Demand.</b> Rows are asked for with {@code Execute} row limits of {@link PostgresClientOptions#fetchSize()}
 * (the portal is suspended, {@code PortalSuspended}, after each batch): the driver sends the next {@code Execute} only
 * once the rows before it have been handed downstream, and reading from the socket stops while the subscriber
 * requests nothing, so the server is slowed by TCP. At most one fetch of rows is read ahead of demand.
 *
 * <p><b>Cancel.</b> Cancelling a query's subscription closes its connection at once ({@code Terminate}, then the TCP
 * connection is closed); rows already received are released unread, and the server ends the statement when it sees
 * the client go. No {@code CancelRequest} is sent. (On a connection of {@link #connectionFactory()} that stays open,
 * r2dbc-postgresql itself gives cancel another meaning: it reads and discards the rest of the current fetch, at most
 * {@link PostgresClientOptions#fetchSize()} rows, then closes the portal with {@code Close} and {@code Sync} instead of
 * asking for more; the connection stays usable.)
 *
 * <p><b>Threads.</b> Rows are delivered on the driver's Netty event loop threads: never block there (use
 * {@code publishOn} for blocking work).
 *
 * <p><b>Errors</b> are the core exceptions, see {@code PostgresErrors} in the module's documentation: SQLSTATE
 * {@code 28P01} an {@link ai.altertable.reactive.core.AuthenticationException}, {@code 42P01} a
 * {@link ai.altertable.reactive.core.NotFoundException}, syntax and data errors a
 * {@link ai.altertable.reactive.core.BadRequestException}, connection failures a
 * {@link ai.altertable.reactive.core.NetworkException}; the SQLSTATE is the exception's {@code path()}.
 *
 * <p>Thread-safe; create it once and share it. {@link #close()} refuses new queries and closes the open connections.
 */
public final class LakehousePostgresClient implements AutoCloseable {

    private final PostgresClientOptions options;
    private final PostgresqlConnectionFactory factory;
    private final ConnectionPermits permits;
    private final String peer;
    private final java.util.Set<Connection> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LakehousePostgresClient(PostgresClientOptions options) {
        this.options = options;
        this.factory = ConnectionFactories.create(options);
        this.permits = new ConnectionPermits(options.maxConnections());
        this.peer = options.host() + ":" + options.port();
    }

    /** A client with the given options. Connects lazily: nothing is sent before a query is subscribed. */
    public static LakehousePostgresClient create(PostgresClientOptions options) {
        return new LakehousePostgresClient(Objects.requireNonNull(options, "options"));
    }

    /** A client of {@code endpoint} ({@code postgresql://host:port/database}, see {@link PostgresClientOptions}). */
    public static LakehousePostgresClient create(String endpoint, Credentials credentials) {
        return create(PostgresClientOptions.builder().endpoint(endpoint).credentials(credentials).build());
    }

    /** As {@link #create(String, Credentials)}. */
    public static LakehousePostgresClient create(URI endpoint, Credentials credentials) {
        return create(PostgresClientOptions.builder().endpoint(endpoint).credentials(credentials).build());
    }

    /**
     * A client of the endpoint in {@value PostgresClientOptions#ENV_ENDPOINT} with credentials from the environment
     * ({@link Credentials#fromEnvironment()}).
     *
     * @throws ai.altertable.reactive.core.ConfigurationException when the environment holds no endpoint or no
     *                                                            credentials
     */
    public static LakehousePostgresClient create() {
        return create(PostgresClientOptions.builder().build());
    }

    /** The options of this client. */
    public PostgresClientOptions options() {
        return options;
    }

    /**
     * The R2DBC {@link ConnectionFactory} of these options (an r2dbc-postgresql {@code PostgresqlConnectionFactory}),
     * for Spring Data R2DBC's {@code DatabaseClient}, r2dbc-pool or plain R2DBC. Its connections are the caller's: the
     * client neither counts nor closes them. Its statements use {@link PostgresClientOptions#fetchSize()} too.
     */
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    /** The rows of {@code sql} (one statement, or several without parameters: their rows one after another). */
    public Flux<Row> query(String sql) {
        return query(sql, new Object[0]);
    }

    /** The rows of {@code sql} mapped to {@code type} (a record or a bean), as {@link RowMapper} maps them. */
    public <T> Flux<T> query(String sql, Class<T> type) {
        RowMapper<T> mapper = RowMapper.of(type);
        return query(sql).map(mapper);
    }

    /**
     * The rows of {@code sql} with the parameters {@code $1}, {@code $2}, ... bound to {@code params} in order (types
     * from the values' classes as r2dbc-postgresql encodes them; a {@code null} is bound as a text {@code NULL}).
     * Cold: each subscription runs the statement again, on its own connection. (A single {@code Class} argument
     * selects {@link #query(String, Class)} instead.)
     */
    public Flux<Row> query(String sql, Object... params) {
        Objects.requireNonNull(sql, "sql");
        Object[] values = Objects.requireNonNull(params, "params").clone();
        String operation = Operation.forQuery(sql).specName();
        return Flux.defer(() -> {
            if (closed) {
                return Flux.error(new IllegalStateException("the client is closed"));
            }
            Mono<Connection> connection = permits.acquire()
                    .flatMap(permit -> connect().doOnError(error -> permits.release()).doOnCancel(permits::release));
            return Flux.usingWhen(connection, c -> rows(c, sql, values),
                    this::release, (c, error) -> release(c), this::release);
        }).onErrorMap(error -> PostgresErrors.map(error, operation, peer));
    }

    private Mono<Connection> connect() {
        return Mono.from(factory.create()).map(connection -> {
            open.add(connection);
            if (closed) { // closed while connecting: close() may have missed it
                open.remove(connection);
                Mono.from(connection.close()).subscribe();
                throw new IllegalStateException("the client is closed");
            }
            return connection;
        });
    }

    /**
     * Closes {@code connection}, then returns its permit, before the query's subscriber hears that the query ended (a
     * {@code doFinally} would run after that, and {@link #openConnections()} could still count the connection).
     */
    private Mono<Void> release(Connection connection) {
        open.remove(connection);
        return Mono.from(connection.close())
                .onErrorResume(error -> {
                    permits.release();
                    return Mono.error(error);
                })
                .then(Mono.fromRunnable(permits::release));
    }

    private Flux<Row> rows(Connection connection, String sql, Object[] params) {
        Statement statement = connection.createStatement(sql).fetchSize(options.fetchSize());
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                statement.bindNull(i, String.class);
            } else {
                statement.bind(i, params[i]);
            }
        }
        // A cancel closes the connection at once, while the driver may still hold rows queued in the result's window;
        // the window drops them with its subscriber's discard hook, which the driver does not set there (its own hook
        // sits on the outer flux): without this one they are never released. It is not put after concatMap, where it
        // would run beside the driver's hook and release the same rows twice.
        return Flux.from(statement.execute()).concatMap(result -> {
            PgRowConverter converter = new PgRowConverter();
            return Flux.from(result.map(converter::convert))
                    .doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::release);
        }, 1);
    }

    /** Connections of running queries right now. */
    public int openConnections() {
        return permits.inUse();
    }

    /**
     * Refuses new queries and closes the connections of running queries (they fail with a network error). Does not
     * block; connections of {@link #connectionFactory()} are the caller's and stay open.
     */
    @Override
    public void close() {
        closed = true;
        for (Connection connection : open) {
            open.remove(connection);
            Mono.from(connection.close()).subscribe(null, error -> { });
        }
    }

    @Override
    public String toString() {
        return "LakehousePostgresClient[" + options + "]";
    }
}
