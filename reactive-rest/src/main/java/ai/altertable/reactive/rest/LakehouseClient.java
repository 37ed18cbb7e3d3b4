package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.AutocompleteRequest;
import ai.altertable.reactive.core.model.AutocompleteResponse;
import ai.altertable.reactive.core.model.CancelQueryResponse;
import ai.altertable.reactive.core.model.ExplainRequest;
import ai.altertable.reactive.core.model.ExplainResponse;
import ai.altertable.reactive.core.model.QueryFormat;
import ai.altertable.reactive.core.model.QueryLogEntry;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.model.TaskStatus;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.core.model.ValidateRequest;
import ai.altertable.reactive.core.model.ValidateResponse;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMapper;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.rest.internal.BatchedAppends;
import ai.altertable.reactive.rest.internal.QueryStreams;
import ai.altertable.reactive.rest.internal.StreamedBodies;
import ai.altertable.reactive.rest.internal.TaskWaits;
import ai.altertable.reactive.rest.internal.Transport;
import ai.altertable.reactive.rest.internal.HttpClients;
import ai.altertable.reactive.rest.internal.UploadAttempts;
import ai.altertable.reactive.rest.internal.UploadBodies;
import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.Objects;
import java.util.function.Function;

/**
 * The reactive client of the Altertable Lakehouse REST API, on Reactor Netty. Immutable and thread-safe: create it once
 * ({@link #create(LakehouseClientOptions)}, {@link #create(String, Credentials)}, {@link #create()}) and share it.
 *
 * <pre>{@code
 * try (LakehouseClient client = LakehouseClient.create("http://localhost:15000", credentials)) {
 *     client.query("SELECT id, name FROM users").map(row -> row.getString("name"))...;
 * }
 * }</pre>
 *
 * <p>Every operation is cold and lazy: nothing is sent before subscription, and each subscription sends again.
 * Operations are named as in the client spec ({@code query}, {@code queryAll}, {@code getQuery}, {@code cancelQuery},
 * {@code validate}, {@code explain}, {@code autocomplete}, {@code append}, {@code getTask}, {@code upload},
 * {@code upsert}).
 *
 * <h2>Who closes what</h2>
 * A client made by {@code create} owns a connection pool and closes it in {@link #close()}. {@link #withOptions} makes
 * a client with other options (timeouts, credentials, retry policy, ...) on the <em>same</em> pool: it owns nothing,
 * its {@code close()} does nothing, and it works as long as the client it came from is open. Close the original last.
 *
 * <h2>Streaming queries</h2>
 * {@link #query(String)} and its variants stream rows with backpressure: rows are decoded from the network buffers as
 * the subscriber requests them, and when it stops requesting, the client stops reading the socket, so TCP slows the
 * server. The client generates the {@code query_id} and {@code session_id} it sends (unless the request sets them),
 * so a query can be cancelled before its first line arrives.
 *
 * <p><b>Cancel.</b> When the subscriber cancels a query stream (dispose, {@code take(n)}, a timeout operator) before it
 * completes, the half-read connection is closed (never returned to the pool) and
 * {@code DELETE /query/{id}?session_id=...} is sent, best effort: a 404 or {@code cancelled:false} answer is benign and
 * not reported. The same happens when the client's own idle timeout ends a stream.
 *
 * <h2>Errors and retries</h2>
 * Failures are {@link ai.altertable.reactive.core.AltertableException}s. Reads are retried by the
 * {@link RetryPolicy}: {@code getQuery}, {@code cancelQuery}, {@code validate}, {@code explain}, {@code autocomplete},
 * {@code getTask}, and queries that are read-only (recognised by {@link ai.altertable.reactive.core.ReadOnlySql}); a
 * streamed query only until its first row was delivered. Writes ({@code append}, {@code upload}, {@code upsert}, and
 * queries that may write) are never re-sent after they may have reached the server: they are at-most-once.
 *
 * <h2>Uploads</h2>
 * Every {@code upload} and {@code upsert}, whatever feeds it, follows one rule: it is <b>at most once</b>, repeated
 * only when the failure proves that the server did not process it (the connection could not be established, or HTTP
 * 429), and <b>a publisher it reads is subscribed at most once</b>. So a file is read again for a repeated attempt,
 * while a publisher-fed upload is repeated only before its publisher was subscribed (in practice, when the connection
 * could not be established) and fails with the first error once it was. Cancelling an upload cancels the publisher and
 * closes the connection; whether the server applied it is then unknown.
 */
public final class LakehouseClient implements AutoCloseable {

    private final LakehouseClientOptions options;
    private final ConnectionProvider pool;
    private final boolean ownsPool;
    private final Transport transport;
    private final RetryPolicy retry;
    private final QueryStreams queries;
    private final BatchedAppends appends;
    private final UploadAttempts uploads;

    private LakehouseClient(LakehouseClientOptions options, ConnectionProvider pool, boolean ownsPool) {
        this.options = options;
        this.pool = pool;
        this.ownsPool = ownsPool;
        this.transport = HttpClients.transport(options, pool);
        this.retry = options.retryPolicy();
        this.queries = new QueryStreams(transport, retry, options.observability());
        this.appends = new BatchedAppends(transport, retry, options.observability());
        this.uploads = new UploadAttempts(transport, retry, options.observability());
    }

    /** A client with the given options, on a connection pool of its own. Nothing is sent before a subscription. */
    public static LakehouseClient create(LakehouseClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new LakehouseClient(options, HttpClients.newPool(options), true);
    }

    /** A client of {@code baseUrl} ({@code https://host} or {@code http://host:port}) with default options. */
    public static LakehouseClient create(String baseUrl, Credentials credentials) {
        return create(LakehouseClientOptions.builder().baseUrl(baseUrl).credentials(credentials).build());
    }

    /** As {@link #create(String, Credentials)}. */
    public static LakehouseClient create(URI baseUrl, Credentials credentials) {
        return create(LakehouseClientOptions.builder().baseUrl(baseUrl).credentials(credentials).build());
    }

    /**
     * A client of {@value LakehouseClientOptions#ENV_BASE_URL} (else the production API) with credentials from the
     * environment ({@link Credentials#fromEnvironment()}).
     *
     * @throws ConfigurationException when the environment holds no credentials
     */
    public static LakehouseClient create() {
        return create(LakehouseClientOptions.builder().build());
    }

    /**
     * A client with {@code options} that shares this client's connection pool, for example with other credentials or
     * timeouts: {@code client.withOptions(client.options().mutate().idleTimeout(d).build())}. The new client owns
     * nothing: its {@link #close()} leaves the pool open, and it can be used as long as this client is open.
     *
     * @throws ConfigurationException when {@code options} have other pool settings ({@code maxConnections},
     *                                {@code maxIdleTime}, {@code maxLifeTime}) than this client's: other pool settings
     *                                need a pool of their own ({@link #create(LakehouseClientOptions)})
     */
    public LakehouseClient withOptions(LakehouseClientOptions options) {
        Objects.requireNonNull(options, "options");
        if (!this.options.samePoolSettings(options)) {
            throw new ConfigurationException("withOptions shares the connection pool, so maxConnections, maxIdleTime "
                    + "and maxLifeTime must stay as they are; create a new client for other pool settings");
        }
        return new LakehouseClient(options, pool, false);
    }

    /** The options of this client. */
    public LakehouseClientOptions options() {
        return options;
    }

    /** The connection pool (shared by the clients made with {@link #withOptions}). */
    ConnectionProvider pool() {
        return pool;
    }

    // ---------------------------------------------------------------- queries

    /** Streams the rows of {@code statement}. See the class description for backpressure and cancel. */
    public Flux<Row> query(String statement) {
        return query(QueryRequest.of(statement));
    }

    /** Streams the rows of {@code request}. */
    public Flux<Row> query(QueryRequest request) {
        Objects.requireNonNull(request, "request");
        return queries.rows(request); // what query(request, QueryStream::rows) gives, one operator shorter
    }

    /** Streams the rows of {@code statement}, each mapped to {@code type} (a record or POJO) by column name. */
    public <T> Flux<T> query(String statement, Class<T> type) {
        RowMapper<T> mapper = RowMapper.of(type);
        return query(QueryRequest.of(statement)).map(mapper);
    }

    /**
     * Runs {@code request} and hands the streamed result (metadata, columns, rows) to {@code handler}; the connection is
     * held while the handler's publisher runs and released when it ends. Subscribe to {@link QueryStream#rows()} at
     * most once, inside the handler.
     */
    public <T> Flux<T> query(QueryRequest request, Function<? super QueryStream, ? extends Publisher<T>> handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return queries.query(request, handler);
    }

    /**
     * Runs {@code request} and collects everything: metadata, columns and all rows, in memory. For results of known,
     * modest size; stream with {@link #query(QueryRequest)} otherwise.
     */
    public Mono<QueryResult> queryAll(QueryRequest request) {
        return query(request, r -> r.rows().collectList().map(rows -> new QueryResult(r.metadata(), r.columns(), rows)))
                .single();
    }

    /** Like {@link #queryAll(QueryRequest)} for a statement. */
    public Mono<QueryResult> queryAll(String statement) {
        return queryAll(QueryRequest.of(statement));
    }

    /**
     * The result in an export format ({@code csv}, {@code jsonl}, {@code parquet}; supported by the mock, not in the
     * client spec) as a stream of byte buffers, read with backpressure. Each buffer is a copy owned by the subscriber.
     * Cancelling closes the connection.
     */
    public Flux<ByteBuffer> queryFormat(QueryRequest request, QueryFormat format) {
        Objects.requireNonNull(format, "format");
        if (format == QueryFormat.DEFAULT || format == QueryFormat.UNKNOWN) {
            throw new IllegalArgumentException("queryFormat takes csv, jsonl or parquet; use query() for rows");
        }
        return queries.export(request.mutate().format(format).build());
    }

    /** The query log entry of {@code queryId}: {@code NotFoundException} until the query has finished. */
    public Mono<QueryLogEntry> getQuery(String queryId) {
        return retried(Operation.GET_QUERY, transport.json(Operation.GET_QUERY, HttpMethod.GET,
                "/query/" + encodePathSegment(queryId), null, QueryLogEntry.class, false));
    }

    /**
     * Cancels a query. A session mismatch is not an error: the answer says {@code cancelled: false}. An unknown id is a
     * {@code NotFoundException}.
     */
    public Mono<CancelQueryResponse> cancelQuery(String queryId, String sessionId) {
        return retried(Operation.CANCEL_QUERY, queries.cancel(queryId, sessionId));
    }

    // ---------------------------------------------------------------- SQL helpers

    public Mono<ValidateResponse> validate(String statement) {
        return validate(ValidateRequest.of(statement));
    }

    /** Validates a statement; an invalid one is a response with {@code valid: false}, not an error. */
    public Mono<ValidateResponse> validate(ValidateRequest request) {
        return retried(Operation.VALIDATE, transport.json(Operation.VALIDATE, HttpMethod.POST, "/validate", request,
                ValidateResponse.class, false));
    }

    public Mono<ExplainResponse> explain(String statement) {
        return explain(ExplainRequest.of(statement));
    }

    /** The tables a statement scans, with estimated rows (mock extension, not in the client spec). */
    public Mono<ExplainResponse> explain(ExplainRequest request) {
        return retried(Operation.EXPLAIN, transport.json(Operation.EXPLAIN, HttpMethod.POST, "/explain", request,
                ExplainResponse.class, true));
    }

    public Mono<AutocompleteResponse> autocomplete(AutocompleteRequest request) {
        return retried(Operation.AUTOCOMPLETE, transport.json(Operation.AUTOCOMPLETE, HttpMethod.POST,
                "/autocomplete", request, AutocompleteResponse.class, false));
    }

    // ---------------------------------------------------------------- writes

    /**
     * One {@code POST /append} of {@code rows}: a JSON object, an array of objects, a {@code Map}, a collection of
     * records/POJOs/maps, or a {@code JsonNode}. <b>At most once</b>: never re-sent after the request may have reached
     * the server (a connection that could not be established, or a 429, is retried). For streams of rows, see
     * {@link #appendAll} and {@link #appender}.
     *
     * <p>Completes with the server's answer once it <em>accepted</em> the rows ({@code ok: true}, with a {@code task_id}
     * when the server gives one). A refusal ({@code ok: false}: {@code invalid-data}, {@code incompatible-schema}) fails
     * with {@link AppendRejectedException} carrying the server's error code and message; nothing of the refused rows
     * was written. Without {@code sync} (the default of {@link AppendOptions#of(ai.altertable.reactive.core.model.TableRef)
     * AppendOptions.of(table)}) acceptance is not yet the write: a failure after it only shows in the task
     * ({@link #getTask}, {@link #awaitTask}). With {@code sync=true} the answer is the final outcome.
     */
    public Mono<AppendResponse> append(AppendOptions options, Object rows) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(rows, "rows");
        return retried(Operation.APPEND, appends.post(options, rows));
    }

    /**
     * The state of an asynchronous append. A server without {@code GET /tasks/{id}} (such as the official mock)
     * answers 404, reported as {@link ai.altertable.reactive.core.NotSupportedException}.
     */
    public Mono<TaskStatus> getTask(String taskId) {
        return retried(Operation.GET_TASK, transport.json(Operation.GET_TASK, HttpMethod.GET,
                "/tasks/" + encodePathSegment(taskId), null, TaskStatus.class, true));
    }

    // ---------------------------------------------------------------- batched and streamed writes

    /**
     * Appends a stream of rows (records, POJOs, {@code Map}s, {@code JsonNode}s or {@link RawJson}) in batches cut by
     * rows, encoded bytes and linger ({@link BatchingOptions}), at most {@code maxInFlight} batches at once, requesting
     * the source only as fast as batches are written. Emits one result per batch, in source order (rows, bytes, the
     * append response with its task id, time); {@link ai.altertable.reactive.core.batch.Batcher#summarize} turns them
     * into totals. A batch answered {@code ok: false} fails with {@link AppendRejectedException}.
     *
     * <p><b>Delivery:</b> at-most-once by default (a batch is not re-sent after it may have reached the server);
     * {@link ai.altertable.reactive.core.DeliveryGuarantee#AT_LEAST_ONCE} re-sends failed batches. The source is never
     * re-subscribed. Cancel stops the source and the batches in flight (one already sent may still be applied).
     */
    public Flux<BatchResult<AppendResponse>> appendAll(AppendOptions options, Publisher<?> rows,
                                                       BatchingOptions batching) {
        return appends.appendAll(options, rows, batching);
    }

    /** {@link #appendAll(AppendOptions, Publisher, BatchingOptions)} with the default batching options. */
    public Flux<BatchResult<AppendResponse>> appendAll(AppendOptions options, Publisher<?> rows) {
        return appendAll(options, rows, BatchingOptions.defaults());
    }

    /**
     * A shared appender for one table: concurrent single-row appends from many callers are coalesced into batches.
     * Close it (gracefully) when done.
     *
     * @param capacity rows queued or in flight at most; when reached, {@code overflow} decides
     */
    public <T> TableAppender<T> appender(AppendOptions options, BatchingOptions batching, int capacity,
                                         CoalescingAppender.Overflow overflow) {
        return new TableAppender<>(appends.appender(options, batching, capacity, overflow));
    }

    /**
     * Waits until an asynchronous append's task is no longer pending, polling {@code GET /tasks/{id}} with backoff, at
     * most {@code maxWait}. A server without tasks fails it with {@code NotSupportedException}; prefer
     * {@code AppendOptions.of(table, true)} (sync) there.
     */
    public Mono<TaskStatus> awaitTask(String taskId, Duration maxWait) {
        return TaskWaits.await(taskId, maxWait, this::getTask);
    }

    // ---------------------------------------------------------------- uploads and upserts (see "Uploads" above)

    /**
     * Uploads a file ({@code POST /upload}), streamed from disk in chunks. The content type is taken from the file name
     * ({@code .csv}, {@code .json}/{@code .ndjson}/{@code .jsonl}, {@code .parquet}) unless given (may be null).
     * Retried only while the server provably did not process it (the file is read again); see the class description.
     */
    public Mono<Void> upload(UploadOptions options, Path file, String contentType) {
        return upload(options, file, contentType, null);
    }

    /** {@link #upload(UploadOptions, Path, String)} reporting the bytes sent so far to {@code progress}. */
    public Mono<Void> upload(UploadOptions options, Path file, String contentType, LongConsumer progress) {
        return uploads.fromFile(Operation.UPLOAD, Transport.uri("/upload", options.queryParameters()), file,
                contentType, progress);
    }

    /**
     * Uploads the bytes of {@code body}, which is subscribed <b>at most once</b>: the upload is retried only before
     * that (when the connection could not be established), never after; see the class description. Each buffer is
     * copied when emitted, so the publisher may reuse it afterwards.
     */
    public Mono<Void> upload(UploadOptions options, Publisher<ByteBuffer> body, String contentType) {
        return uploads.fromPublisher(Operation.UPLOAD, Transport.uri("/upload", options.queryParameters()), body,
                UploadBodies::fromBuffers, contentType, null);
    }

    /**
     * Uploads rows (records, POJOs, {@code Map}s, {@code JsonNode}s) encoded on the fly as NDJSON or CSV, streamed with
     * bounded memory; {@code progress} (may be null) receives the bytes sent so far. {@code rows} is subscribed <b>at
     * most once</b>, as in {@link #upload(UploadOptions, Publisher, String)}.
     */
    public Mono<Void> upload(UploadOptions options, Publisher<?> rows, RowFormat format, LongConsumer progress) {
        return uploads.fromPublisher(Operation.UPLOAD, Transport.uri("/upload", options.queryParameters()), rows,
                r -> StreamedBodies.encode(r, format), format.contentType(), progress);
    }

    /** Upserts a file ({@code POST /upsert}) by primary key (and cursor), like {@code upload} of a file. */
    public Mono<Void> upsert(UpsertOptions options, Path file, String contentType) {
        return uploads.fromFile(Operation.UPSERT, Transport.uri("/upsert", options.queryParameters()), file,
                contentType, null);
    }

    /** Upserts the bytes of {@code body}, subscribed at most once, like {@code upload} of a byte publisher. */
    public Mono<Void> upsert(UpsertOptions options, Publisher<ByteBuffer> body, String contentType) {
        return uploads.fromPublisher(Operation.UPSERT, Transport.uri("/upsert", options.queryParameters()), body,
                UploadBodies::fromBuffers, contentType, null);
    }

    /** Upserts rows encoded on the fly, like {@link #upload(UploadOptions, Publisher, RowFormat, LongConsumer)}. */
    public Mono<Void> upsert(UpsertOptions options, Publisher<?> rows, RowFormat format, LongConsumer progress) {
        return uploads.fromPublisher(Operation.UPSERT, Transport.uri("/upsert", options.queryParameters()), rows,
                r -> StreamedBodies.encode(r, format), format.contentType(), progress);
    }

    // ----------------------------------------------------------------

    private <T> Mono<T> retried(Operation op, Mono<T> call) {
        return call.retryWhen(retry.retry(op));
    }

    static String encodePathSegment(String id) {
        Objects.requireNonNull(id, "id");
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "LakehouseClient[" + options.baseUrl() + "]";
    }

    /**
     * Closes the connection pool if this client owns it (made by {@code create}); connections in use are closed as
     * their exchanges end. A client made by {@link #withOptions} owns nothing, and closing it does nothing. Idempotent;
     * does not block.
     */
    @Override
    public void close() {
        if (ownsPool) {
            pool.dispose();
        }
    }
}
