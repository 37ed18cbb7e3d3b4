package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.row.Row;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.function.Function;

/**
 * The operations of one Flight SQL session on the lakehouse: queries, updates, prepared statements, bulk ingest,
 * metadata and session options. {@link LakehouseFlightClient} is a session (its own, started by the first call);
 * {@link LakehouseFlightClient#newSession()} and {@link LakehouseFlightClient#inTransaction} give others on the same
 * connection.
 *
 * <p><b>Cold and lazy.</b> Nothing is sent before subscription, and each subscription runs the operation again.
 *
 * <p><b>Threads.</b> Arrow's blocking calls run on the client's io threads; items, results and errors are delivered on
 * its delivery threads, which are non-blocking threads in Reactor's sense: {@code block()}, {@code blockFirst()} or
 * {@code blockLast()} there fails at once with Reactor's {@code IllegalStateException} (delivered to the subscriber as
 * an error), and BlockHound, when installed, reports any other blocking call there. Compose further calls of the same
 * client ({@code flatMap}, {@code then}) instead, or {@code publishOn} a scheduler that allows blocking
 * ({@code Schedulers.boundedElastic()}) for blocking work. Nothing here blocks the subscribing thread.
 *
 * <p><b>Cancel.</b> Cancelling a query cancels its gRPC call, frees every Arrow buffer not yet delivered, and asks the
 * server to cancel, best effort. Cancelling an update or an ingest cancels the call; whether the server applied part of
 * it is unknown. Cancelling a prepared-statement or transaction scope closes the statement or rolls the transaction
 * back.
 *
 * <p><b>Sessions are sequential on the server.</b> The server runs the calls of one session one at a time, and holds
 * the session for the whole of each upload (each batch of an ingest): another call on the same session waits until
 * the upload ends. Run parallel work, especially ingests next to queries, on
 * {@linkplain LakehouseFlightClient#newSession() separate sessions}.
 *
 * <p><b>Errors.</b> Failures are {@link ai.altertable.reactive.core.AltertableException}s whose context names the RPC
 * ({@code GetFlightInfo}, {@code DoGet}, {@code DoPut}, {@code DoAction}, {@code Handshake}) and carries the gRPC code as
 * status. The server reports a failed statement at {@code DoGet} as {@code INVALID_ARGUMENT "Failed to query arrow"},
 * without the SQL error: run statements that may fail on the update path, which keeps the message.
 */
public interface FlightSession {

    /**
     * The rows of a query, decoded into natural Java values exactly as the REST client's rows are (for example
     * {@code BIGINT} a {@code Long}, {@code DECIMAL} a {@code BigDecimal}, {@code TIMESTAMP} a {@code LocalDateTime},
     * {@code TIMESTAMPTZ} an {@code OffsetDateTime}, {@code UUID} a {@code UUID}, {@code LIST} a {@code List},
     * {@code STRUCT} a {@code Map}). Rows do not hold Arrow memory. A query recognisably read-only is retried on
     * transient failures until its first row is delivered.
     */
    Flux<Row> query(String sql);

    /** The rows of a query mapped to a record or bean by column name ({@link Row#as(Class)}). */
    <T> Flux<T> query(String sql, Class<T> type);

    /**
     * The record batches of a query, each <b>owned by the subscriber, who must close it</b>. Batches fetched but not
     * delivered are closed by the client. One batch is fetched per request, plus the configured prefetch.
     */
    Flux<ArrowBatch> queryBatches(String sql);

    /**
     * The record batches of a query, each passed <b>without copying</b> to {@code perBatch}, whose result is emitted.
     * The root is the stream's own and is valid <b>only during the call</b>: the result must not refer to its vectors.
     * The client frees everything; nothing needs closing. {@code perBatch} runs on a delivery (non-blocking) thread,
     * once the subscriber has asked for its result (no prefetch: the stream waits, without holding a thread, until
     * the function has returned, because the next batch reuses the root). An exception it throws fails the query
     * unchanged.
     */
    <T> Flux<T> queryBatches(String sql, Function<? super VectorSchemaRoot, ? extends T> perBatch);

    /** Runs a statement that changes data or the schema; emits the number of rows it changed (0 for DDL). Never retried. */
    Mono<Long> update(String sql);

    /**
     * A prepared statement for the duration of {@code body}: it is created on the server when the result is subscribed
     * and closed when the publisher {@code body} returns completes, fails or is cancelled.
     */
    <T> Flux<T> prepared(String sql, Function<? super FlightPreparedStatement, ? extends Publisher<T>> body);

    /**
     * Writes rows to a table in batches, as the REST client's {@code appendAll} does: the rows are cut into batches by
     * the batching engine, by rows, estimated Arrow bytes and linger ({@link IngestOptions#batching()}, honoured in
     * full), each batch is encoded with {@code encoder} into one record batch and written by one {@code DoPut
     * CommandStatementIngest}, at most {@code maxInFlight} at once, and one {@link BatchResult} is emitted per batch, in
     * source order. A result's ack is the row count the server reports for the batch (for an upsert, rows inserted
     * plus rows updated; {@code null} if it reported none); {@link ai.altertable.reactive.core.batch.Batcher#summarize}
     * gives the totals. Rows are requested only as fast as batches are written and their results taken. An empty
     * source sends nothing and emits nothing. Needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (see README).
     *
     * <p><b>The table definition holds across the batches:</b> the first batch applies it; unless it is
     * {@link TableDefinition#APPEND}, the first batch is written alone and the others wait for its outcome, then
     * append to the table it made (after a failed first batch, with {@code ErrorPolicy.CONTINUE}, they are not sent
     * unless the definition appends to an existing table anyway).
     *
     * <p><b>Failures and delivery</b> are the batching options': {@code FAIL_FAST} (default) ends with a
     * {@link ai.altertable.reactive.core.batch.BatchFailedException} naming the batch and its rows; {@code CONTINUE}
     * reports the failed batch and goes on. A value that does not fit its column fails its batch (with a
     * {@link ai.altertable.reactive.core.SerializationException}, before anything of it is sent); a row whose values
     * do not match the schema's width, or an error of the source, ends the ingest at once, as in REST's
     * {@code appendAll}. At-most-once (the default) never sends a batch again once its {@code DoPut} has started, since
     * no Flight failure proves the server did not append it; {@link ai.altertable.reactive.core.DeliveryGuarantee#AT_LEAST_ONCE}
     * sends a failed batch again on retryable failures ({@code UNAVAILABLE}, ...), which may write its rows twice.
     *
     * <p><b>Cancel</b> cancels the source and every {@code DoPut} in flight (the server sees the calls cancelled;
     * whether it applied part of a batch is unknown) and frees every record batch. Batches run on this session, which
     * the server runs one call at a time: batches in flight beyond the first overlap their upload with the server's
     * work on the one before; other calls of the session take turns between batches.
     *
     * <p><b>Values</b> per column type: booleans; integers from any integral {@code Number} that fits; floats and
     * doubles from any {@code Number}; decimals from {@code BigDecimal} (or integral numbers) without rounding; text
     * from {@code CharSequence}, {@code UUID} and enums; binary from {@code byte[]} and {@code ByteBuffer};
     * {@code DATE} from {@code LocalDate}; {@code TIME} from {@code LocalTime}; {@code TIMESTAMP} from
     * {@code LocalDateTime} (or an {@code Instant}, taken as UTC); {@code TIMESTAMPTZ} from {@code Instant},
     * {@code OffsetDateTime} or {@code ZonedDateTime}; intervals from {@code Duration}; lists from {@code List};
     * structs from {@code Map}; {@code null} in nullable columns.
     */
    <T> Flux<BatchResult<Long>> ingestRows(IngestOptions options, Publisher<T> rows, ArrowRowEncoder<T> encoder);

    /**
     * Writes record batches you built to a table, with the same batches, results, failures, delivery and cancel as
     * {@link #ingestRows}, except that your batches are not cut or merged: each root is a batch of its own (one
     * {@code DoPut}), sliced by rows into several only when it holds more than {@code maxRows} rows or more than
     * {@code maxBytes} bytes of buffers (a single row over {@code maxBytes} fails its batch, unsent); no batch waits for
     * another, so {@code linger} never applies. Give batches of thousands of rows: each is a call of its own. Every
     * batch must have the schema of the first if the first creates the table.
     *
     * <p><b>Ownership:</b> each root emitted by {@code batches} is handed to the client, which closes it once its
     * batches' outcomes are known (it is kept meanwhile, to send it again if the delivery guarantee says so), or when
     * the ingest fails or is cancelled; do not reuse or close it yourself. (Its buffers go back to their allocator when
     * gRPC has finished writing them, which may be just after the result was emitted.) Roots are requested only as
     * batches complete, a few ahead. Allocate them from the allocator given to {@link FlightClientOptions} (or a child
     * of it): Arrow cannot share buffers between allocators of different roots.
     */
    Flux<BatchResult<Long>> ingest(IngestOptions options, Publisher<? extends VectorSchemaRoot> batches);

    /** Catalog names, sorted (the server returns them in no particular order and includes {@code system}, {@code temp}). */
    Flux<String> catalogs();

    /**
     * Schemas, sorted by catalog then name.
     *
     * @param catalog       an exact catalog name, or {@code null} for all
     * @param schemaPattern a SQL {@code LIKE} pattern ({@code %}, {@code _}), or {@code null} for all
     */
    Flux<DbSchemaInfo> schemas(String catalog, String schemaPattern);

    /** Tables and views, as the server orders them (by catalog, schema, name). */
    Flux<TableInfo> tables(TableFilter filter);

    /** The table types that exist right now (DuckDB's names: {@code BASE TABLE}, {@code VIEW}, {@code LOCAL TEMPORARY}). */
    Flux<String> tableTypes();

    /**
     * SQL information by {@code SqlInfo} id (0 server name, 1 server version, ...; none for the server's default set).
     * Values are natural Java values (strings, booleans, numbers, lists, maps). Display them; some servers send
     * placeholder values.
     */
    Mono<Map<Integer, Object>> sqlInfo(int... ids);

    /**
     * Sets session options on this session (after local validation, see {@link SessionOptions}); they are also applied
     * again whenever the session is started again. Fails with a {@code BadRequestException} naming every option the
     * server rejected.
     */
    Mono<Void> setSessionOptions(SessionOptions options);
}
