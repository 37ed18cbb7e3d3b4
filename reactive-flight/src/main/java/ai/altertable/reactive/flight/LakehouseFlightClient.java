package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.internal.FlightTransport;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The reactive Arrow Flight SQL client of the Altertable lakehouse: queries as {@code Flux}es of Arrow record batches or
 * of rows, with backpressure down to the gRPC stream; updates, prepared statements, transactions, bulk ingest,
 * metadata and session options.
 *
 * <pre>{@code
 * try (LakehouseFlightClient client = LakehouseFlightClient.create("grpc://localhost:15002", credentials)) {
 *     client.query("SELECT id, name FROM users").map(row -> row.getString("name"))...;
 *     client.queryBatches("SELECT * FROM events").flatMap(batch -> {
 *         try (batch) { return Mono.just(batch.rowCount()); }     // owned batches: the subscriber closes each one
 *     })...;
 * }
 * }</pre>
 *
 * <p><b>Connection and session.</b> One gRPC channel per client. The client is itself a {@link FlightSession}: its first
 * call performs the {@code Handshake} (once, shared by concurrent first calls), which yields the bearer token every
 * later call carries in {@code authorization} (injected by a channel interceptor on every call, including
 * prepared-statement close, cancels and session actions). A new token sent in any response replaces it. When a call is
 * rejected as {@code UNAUTHENTICATED}, the client shakes hands again once and repeats the call if it is idempotent.
 * {@link #newSession()} and {@link #inTransaction} use further sessions on the same channel.
 *
 * <p><b>Threads.</b> Arrow Flight's blocking calls ({@code GetFlightInfo} and the other unary calls,
 * {@code FlightStream.next()} and {@code close()}) run on the client's bounded <em>io</em> scheduler of ordinary
 * threads, never on a delivery thread. Everything your subscriber sees, and so all your code (operators, the function
 * of callback-scoped batches, an ingest's encoder), runs on the client's <em>delivery</em> threads, which are
 * non-blocking in Reactor's sense: a {@code block()} there fails at once. Details in {@link FlightClientOptions}.
 *
 * <p><b>Who closes what.</b> The client owns its channel, its two schedulers (the io one unless one was supplied), and
 * one root allocator from which each stream gets a child allocator. {@link #close()} releases them all; it fails with
 * Arrow's leak report if {@link ArrowBatch}es handed to the application are still open. Everything else (streams,
 * uploads, prepared statements, transactions) is released by the client when its subscription ends.
 *
 * <p><b>Cancel.</b> See {@link FlightSession}: disposing a query cancels its gRPC call at once, from the cancelling
 * thread and without blocking; an io thread then closes the stream, which frees every buffer the client still holds,
 * and the server is asked to cancel (best effort); the client stays usable.
 *
 * <p>Immutable and thread-safe. Create it once ({@link #create(FlightClientOptions)},
 * {@link #create(String, Credentials)}, {@link #create()}) and share it.
 */
public final class LakehouseFlightClient implements FlightSession, AutoCloseable {

    private final FlightTransport transport;
    private final SessionOperations session;

    private LakehouseFlightClient(FlightClientOptions options) {
        this.transport = new FlightTransport(options);
        this.session = new SessionOperations(transport, transport.newSession("client"));
    }

    /** A client with the given options. Connects lazily: nothing is sent before the first subscription. */
    public static LakehouseFlightClient create(FlightClientOptions options) {
        return new LakehouseFlightClient(Objects.requireNonNull(options, "options"));
    }

    /** A client of {@code endpoint} ({@code grpc+tls://host:port} or {@code grpc://host:port}) with default options. */
    public static LakehouseFlightClient create(String endpoint, Credentials credentials) {
        return create(FlightClientOptions.builder().endpoint(endpoint).credentials(credentials).build());
    }

    /** As {@link #create(String, Credentials)}. */
    public static LakehouseFlightClient create(URI endpoint, Credentials credentials) {
        return create(FlightClientOptions.builder().endpoint(endpoint).credentials(credentials).build());
    }

    /**
     * A client of {@value FlightClientOptions#ENV_ENDPOINT} (else the production endpoint) with credentials from the
     * environment ({@link Credentials#fromEnvironment()}).
     *
     * @throws ai.altertable.reactive.core.ConfigurationException when the environment holds no credentials
     */
    public static LakehouseFlightClient create() {
        return create(FlightClientOptions.builder().build());
    }

    /** The options of this client. */
    public FlightClientOptions options() {
        return transport.options();
    }

    /**
     * Another session on this client's connection, with its own handshake (and so its own server-side state: prepared
     * statements, temporary tables, session options). Use one per concurrent unit of work that must not wait for
     * another (the server runs one session's calls one at a time, and each batch of an ingest holds its session until
     * its upload ends).
     * Closed with the client.
     */
    public FlightSession newSession() {
        return new SessionOperations(transport, transport.newSession("session"));
    }

    /**
     * Runs {@code body} in a transaction on a session of its own: {@code BeginTransaction} on subscription, then the
     * publisher {@code body} returns; <b>commit</b> when it completes, <b>rollback</b> when it fails or the subscription
     * is cancelled (a failing rollback is logged and the original error delivered). A failing commit fails the result.
     */
    public <T> Flux<T> inTransaction(Function<? super FlightTransaction, ? extends Publisher<T>> body) {
        Objects.requireNonNull(body, "body");
        return Flux.usingWhen(TransactionOperations.begin(transport),
                body::apply,
                TransactionOperations::commit,
                (tx, error) -> tx.rollback(),
                TransactionOperations::rollback);
    }

    /** Bytes of Arrow memory the client holds right now (batches not yet closed included). */
    public long allocatedMemory() {
        return transport.allocator().getAllocatedMemory();
    }

    @Override
    public Flux<Row> query(String sql) {
        return session.query(sql);
    }

    @Override
    public <T> Flux<T> query(String sql, Class<T> type) {
        return session.query(sql, type);
    }

    @Override
    public Flux<ArrowBatch> queryBatches(String sql) {
        return session.queryBatches(sql);
    }

    @Override
    public <T> Flux<T> queryBatches(String sql, Function<? super VectorSchemaRoot, ? extends T> perBatch) {
        return session.queryBatches(sql, perBatch);
    }

    @Override
    public Mono<Long> update(String sql) {
        return session.update(sql);
    }

    @Override
    public <T> Flux<T> prepared(String sql, Function<? super FlightPreparedStatement, ? extends Publisher<T>> body) {
        return session.prepared(sql, body);
    }

    @Override
    public Flux<BatchResult<Long>> ingest(IngestOptions options, Publisher<? extends VectorSchemaRoot> batches) {
        return session.ingest(options, batches);
    }

    @Override
    public <T> Flux<BatchResult<Long>> ingestRows(IngestOptions options, Publisher<T> rows,
                                                  ArrowRowEncoder<T> encoder) {
        return session.ingestRows(options, rows, encoder);
    }

    @Override
    public Flux<String> catalogs() {
        return session.catalogs();
    }

    @Override
    public Flux<DbSchemaInfo> schemas(String catalog, String schemaPattern) {
        return session.schemas(catalog, schemaPattern);
    }

    @Override
    public Flux<TableInfo> tables(TableFilter filter) {
        return session.tables(filter);
    }

    @Override
    public Flux<String> tableTypes() {
        return session.tableTypes();
    }

    @Override
    public Mono<Map<Integer, Object>> sqlInfo(int... ids) {
        return session.sqlInfo(ids);
    }

    @Override
    public Mono<Void> setSessionOptions(SessionOptions options) {
        return session.setSessionOptions(options);
    }

    /**
     * Shuts the connection down (calls in flight fail), waits briefly for streams to free their buffers, and closes the
     * schedulers the client created and the allocator. <b>Blocks</b> for up to a few seconds: call it from your own
     * thread, never from an event loop or a delivery thread (use {@link #closeAsync()} there).
     *
     * @throws IllegalStateException with Arrow's leak report when memory is still held, typically by {@link ArrowBatch}es
     *                               that were never closed
     */
    @Override
    public void close() {
        transport.close();
    }

    /** {@link #close()} on a thread that may block; completes when the client is closed. */
    public Mono<Void> closeAsync() {
        return Mono.fromRunnable(this::close).subscribeOn(Schedulers.boundedElastic()).then();
    }

    @Override
    public String toString() {
        return "LakehouseFlightClient[" + transport + "]";
    }
}
