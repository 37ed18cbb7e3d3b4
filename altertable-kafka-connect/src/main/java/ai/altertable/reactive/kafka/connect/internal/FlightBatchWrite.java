package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.FlightSession;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.flight.TableDefinition;
import ai.altertable.reactive.flight.TableFilter;
import ai.altertable.reactive.flight.TableInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one batch of rows to one existing table as <b>one</b> Flight SQL bulk ingest ({@code DoPut
 * CommandStatementIngest} carrying one record batch), an upsert on the primary key when one is set.
 *
 * <p><b>Schema.</b> The table's columns are asked of the server ({@code GetTables} with schemas) at the first write,
 * and kept; they are asked again when a batch names a field that is not a known column (a column added since), and
 * after a failed lookup, and after the server refused a batch (which is then sent once more if they changed).
 * Each row's values are placed by column name and converted to the column's Arrow type by
 * {@link FlightRowValues}: an append sends every column (the server inserts by position), an upsert only the columns
 * some row of the batch names (the server's {@code MERGE} updates every column sent). A missing table is a
 * {@link NotFoundException} (the connector never creates tables, as on the REST path). The ingest appends to the
 * table ({@link TableDefinition#APPEND}): never creates or replaces it.
 *
 * <p><b>One request.</b> The ingest's batching is set so that the whole batch is one {@code DoPut}: as many rows as the
 * batch has, {@link IngestOptions#MAX_BATCH_BYTES} of Arrow buffers (the server's message limit), one in flight,
 * at-most-once and fail-fast, so nothing is retried here: the task's batching engine retries the whole batch. A batch
 * over those bytes is cut by the ingest into several {@code DoPut}s; when a later one is refused after an earlier one
 * was written, the failure is not a data refusal (see below) and names how many rows were written.
 *
 * <p><b>Refusals.</b> A refusal of the batch's data fails with a {@link BadRequestException}, and then nothing of the
 * batch was written: a row with a field that is not a column, or a value its column cannot take (refused before
 * anything is sent), or the server's refusal of the record batch ({@code INTERNAL "Append failed: …"} or
 * {@code "Failed to execute MERGE: …"}; the server inserts one record batch with one statement). Other failures (the
 * network, authentication, a missing table) pass through unchanged, with their retryability.
 *
 * <p>Thread-safe; never blocks. Each instance ingests on a Flight session of its own, so tables do not wait on each
 * other's uploads; the sessions are closed with the client, which the caller owns.
 */
public final class FlightBatchWrite implements BatchWrite<Map<String, Object>> {

    private static final List<String> DATA_REFUSALS = List.of("Append failed:", "Failed to execute MERGE:",
            "Failed to send batch to writer");
    private static final int GRPC_INTERNAL = 13;

    private final FlightSession session;
    private final TableRef table;
    private final IngestOptions options;
    private final AtomicReference<FlightRowValues> columns = new AtomicReference<>();

    private FlightBatchWrite(FlightSession session, TableRef table, IngestOptions options) {
        this.session = session;
        this.table = table;
        this.options = options;
    }

    /**
     * Batches of {@code table}, written through {@code client} on a session of their own; an upsert on
     * {@code primaryKey} (with {@code cursorField}) when it is not empty, else an append.
     */
    public static FlightBatchWrite create(LakehouseFlightClient client, TableRef table, List<String> primaryKey,
                                          List<String> cursorField) {
        IngestOptions options = IngestOptions.builder(table).definition(TableDefinition.APPEND)
                .primaryKey(primaryKey).cursorField(cursorField).build();
        return new FlightBatchWrite(client.newSession(), table, options);
    }

    @Override
    public Mono<Void> write(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> columns(rows).flatMap(values -> ingest(values, rows)
                .onErrorResume(FlightBatchWrite::isServerRefusal, refused -> fetchColumns()
                        .flatMap(fresh -> fresh.schema().equals(values.schema()) ? Mono.error(refused)
                                : ingest(fresh, rows)))));
    }

    /**
     * A refusal by the server, after which the batch is sent again once if the table's columns changed since they
     * were fetched (a column added that the rows do not name makes the server refuse a positional insert): nothing of
     * the refused batch was written, so this is not a retry of a write that may have landed.
     */
    private static boolean isServerRefusal(Throwable e) {
        return e instanceof BadRequestException && e.getCause() instanceof ApiException;
    }

    /** The known columns, asked of the server when unknown or when a row names a field that is not one of them. */
    private Mono<FlightRowValues> columns(List<Map<String, Object>> rows) {
        FlightRowValues known = columns.get();
        if (known != null && rows.stream().allMatch(known::knowsFields)) {
            return Mono.just(known);
        }
        return fetchColumns();
    }

    private Mono<FlightRowValues> fetchColumns() {
        return session.tables(TableFilter.all().catalog(table.catalog()).schemaPattern(table.schema())
                        .tablePattern(table.table()).includeSchema(true))
                .filter(this::isTarget)
                .next()
                .flatMap(t -> Mono.justOrEmpty(t.tableSchema()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("table " + table + " does not exist; the "
                        + "connector writes to existing tables only (create it first)", ErrorContext.none())))
                .map(schema -> {
                    FlightRowValues values = new FlightRowValues(schema);
                    columns.set(values);
                    return values;
                });
    }

    /** The listing matches names by {@code LIKE}, in which {@code _} is a wildcard: keep the table itself. */
    private boolean isTarget(TableInfo t) {
        return t.name().equalsIgnoreCase(table.table()) && (t.schema() == null
                || t.schema().equalsIgnoreCase(table.schema())) && (t.catalog() == null
                || t.catalog().equalsIgnoreCase(table.catalog()));
    }

    private Mono<Void> ingest(FlightRowValues columns, List<Map<String, Object>> rows) {
        FlightRowValues values = options.isUpsert() ? columns.namedBy(rows) : columns;
        IngestOptions oneRequest = options.mutate().batching(BatchingOptions.builder().maxRows(rows.size())
                .maxBytes(IngestOptions.MAX_BATCH_BYTES).linger(Duration.ZERO).maxInFlight(1)
                .deliveryGuarantee(DeliveryGuarantee.AT_MOST_ONCE)
                .errorPolicy(BatchingOptions.ErrorPolicy.FAIL_FAST).build()).build();
        AtomicInteger written = new AtomicInteger();
        return session.ingestRows(oneRequest, Flux.fromIterable(rows), values.encoder())
                .doOnNext(result -> written.addAndGet(result.rows()))
                .then()
                .onErrorMap(e -> failure(e, written.get(), rows.size()));
    }

    /** The failure of a batch: a {@link BadRequestException} when its data was refused and nothing was written. */
    private Throwable failure(Throwable error, int written, int rows) {
        Throwable cause = error instanceof BatchFailedException && error.getCause() != null ? error.getCause() : error;
        Optional<BadRequestException> refusal = refusal(cause);
        if (refusal.isEmpty()) {
            return cause;
        }
        if (written > 0) {
            // the ingest cut the batch in several DoPuts and wrote the first ones: no longer a refusal of the whole
            return new AltertableException("the batch of " + rows + " rows was cut into several Flight ingests over "
                    + IngestOptions.MAX_BATCH_BYTES + " bytes; " + written + " rows were written before the server "
                    + "refused the rest (lower batch.max.rows or batch.max.bytes)", refusal.get().context(), false,
                    refusal.get());
        }
        return refusal.get();
    }

    private Optional<BadRequestException> refusal(Throwable cause) {
        if (cause instanceof BadRequestException b) {
            return Optional.of(b);
        }
        if (cause instanceof SerializationException s) {
            // a value the column cannot take, or a row over the byte limit: found before anything was sent
            return Optional.of(new BadRequestException("a row of the batch for " + table + " cannot be written: "
                    + s.reason(), s.context(), s));
        }
        if (cause instanceof ApiException a && a.status() == GRPC_INTERNAL && a.bodyExcerpt() != null
                && DATA_REFUSALS.stream().anyMatch(a.bodyExcerpt()::startsWith)) {
            return Optional.of(new BadRequestException("the server refused the batch's data for " + table,
                    a.context(), a));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "FlightBatchWrite[" + table + "]";
    }

    /**
     * About the bytes a row takes in a batch, for cutting Flight batches by {@code batch.max.bytes} without encoding
     * the row: 8 per number, date or time, the length of text, 16 per other value, and each key's length.
     */
    public static int estimatedSize(Map<String, Object> row) {
        int size = 0;
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Object v = e.getValue();
            size += e.getKey().length() + (v instanceof CharSequence c ? c.length()
                    : v instanceof byte[] b ? b.length
                    : v instanceof Number || v instanceof Temporal || v instanceof Boolean ? 8 : 16);
        }
        return size + 1;
    }
}
