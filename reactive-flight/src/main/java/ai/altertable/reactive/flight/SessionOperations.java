package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMapper;
import ai.altertable.reactive.flight.internal.ArrowRows;
import ai.altertable.reactive.flight.internal.BatchStream;
import ai.altertable.reactive.flight.internal.FlightErrors;
import ai.altertable.reactive.flight.internal.FlightSqlCommands;
import ai.altertable.reactive.flight.internal.FlightTransport;
import ai.altertable.reactive.flight.internal.IngestBatches;
import ai.altertable.reactive.flight.internal.PutUpload;
import ai.altertable.reactive.flight.internal.QueryExecution;
import ai.altertable.reactive.flight.internal.SessionCommands;
import ai.altertable.reactive.flight.internal.SessionState;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operations of one session, composed from the internal machinery: each method builds a command and picks the
 * bridge (query, upload or unary call). The glue between the public types and {@code internal}.
 */
class SessionOperations implements FlightSession {

    final FlightTransport transport;
    final SessionState session;
    private final IngestBatches ingest;

    SessionOperations(FlightTransport transport, SessionState session) {
        this.transport = transport;
        this.session = session;
        this.ingest = new IngestBatches(transport, session);
    }

    @Override
    public Flux<Row> query(String sql) {
        return rows(Operation.forFlightQuery(sql), FlightSqlCommands.statementQuery(sql, session.transactionId()));
    }

    @Override
    public <T> Flux<T> query(String sql, Class<T> type) {
        RowMapper<T> mapper = RowMapper.of(type);
        return query(sql).map(mapper);
    }

    @Override
    public Flux<ArrowBatch> queryBatches(String sql) {
        return batches(Operation.forFlightQuery(sql), FlightSqlCommands.statementQuery(sql, session.transactionId()));
    }

    @Override
    public <T> Flux<T> queryBatches(String sql, Function<? super VectorSchemaRoot, ? extends T> perBatch) {
        return scoped(Operation.forFlightQuery(sql), FlightSqlCommands.statementQuery(sql, session.transactionId()),
                perBatch);
    }

    /** The rows of any command's result. */
    Flux<Row> rows(Operation operation, FlightDescriptor descriptor) {
        return QueryExecution.<List<Row>>run(transport, session, operation, descriptor, announced -> {
            ArrowRows decoder = new ArrowRows(announced);
            return BatchStream.Items.detached((root, source) -> decoder.decode(root), rows -> { });
        }).concatMapIterable(rows -> rows);
    }

    /** Owned batches of any command's result. */
    Flux<ArrowBatch> batches(Operation operation, FlightDescriptor descriptor) {
        return QueryExecution.<ArrowBatch>run(transport, session, operation, descriptor, announced -> {
            ArrowRows decoder = new ArrowRows(announced);
            return BatchStream.Items.detached((root, source) -> ArrowBatch.transfer(root,
                    decoder.metadata(root.getSchema()), source.memory()), ArrowBatch::close);
        }).doOnDiscard(ArrowBatch.class, ArrowBatch::close);
    }

    /** Callback-scoped batches of any command's result. */
    <T> Flux<T> scoped(Operation operation, FlightDescriptor descriptor,
                       Function<? super VectorSchemaRoot, ? extends T> perBatch) {
        BatchStream.Items<T> items = BatchStream.Items.scoped(Objects.requireNonNull(perBatch, "perBatch"));
        return QueryExecution.run(transport, session, operation, descriptor, announced -> items);
    }

    @Override
    public Mono<Long> update(String sql) {
        return update(FlightSqlCommands.statementUpdate(sql, session.transactionId()), Flux.empty(),
                (List<?> none, BufferAllocator a) -> List.of());
    }

    /** A DoPut that answers with a {@code DoPutUpdateResult}. */
    <I> Mono<Long> update(FlightDescriptor descriptor, Publisher<I> items, PutUpload.Encoder<I> encoder) {
        return PutUpload.run(transport, session, descriptor, Operation.FLIGHT_UPDATE, items, encoder, item -> { },
                        new Schema(List.of()))
                .switchIfEmpty(Mono.error(() -> new ApiException("the server sent no update count",
                        FlightErrors.context(Operation.FLIGHT_UPDATE, "DoPut"))))
                .map(SessionOperations::recordCount);
    }

    static long recordCount(byte[] metadata) {
        try {
            return FlightSqlCommands.recordCount(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> Flux<T> prepared(String sql, Function<? super FlightPreparedStatement, ? extends Publisher<T>> body) {
        Objects.requireNonNull(body, "body");
        return Flux.usingWhen(PreparedStatementHandle.create(this, sql),
                body::apply,
                PreparedStatementHandle::close,
                (statement, error) -> statement.close(),
                PreparedStatementHandle::close);
    }

    @Override
    public Flux<BatchResult<Long>> ingest(IngestOptions options, Publisher<? extends VectorSchemaRoot> batches) {
        return ingest.roots(batches, Objects.requireNonNull(options, "options"));
    }

    @Override
    public <T> Flux<BatchResult<Long>> ingestRows(IngestOptions options, Publisher<T> rows,
                                                  ArrowRowEncoder<T> encoder) {
        return ingest.rows(rows, encoder, Objects.requireNonNull(options, "options"));
    }

    @Override
    public Flux<String> catalogs() {
        return rows(Operation.FLIGHT_METADATA, FlightSqlCommands.catalogs())
                .map(row -> row.getString(0))
                .sort();
    }

    @Override
    public Flux<DbSchemaInfo> schemas(String catalog, String schemaPattern) {
        return rows(Operation.FLIGHT_METADATA, FlightSqlCommands.schemas(catalog, schemaPattern))
                .map(row -> new DbSchemaInfo(row.getString("catalog_name"), row.getString("db_schema_name")))
                .sort(Comparator.comparing(DbSchemaInfo::catalog, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(DbSchemaInfo::schema));
    }

    @Override
    public Flux<TableInfo> tables(TableFilter filter) {
        return rows(Operation.FLIGHT_METADATA, FlightSqlCommands.tables(filter.catalog(), filter.schemaPattern(),
                filter.tablePattern(), filter.types(), filter.includeSchema()))
                .map(row -> new TableInfo(row.getString("catalog_name"), row.getString("db_schema_name"),
                        row.getString("table_name"), row.getString("table_type"),
                        filter.includeSchema() ? Optional.of(tableSchema(row.getBytes("table_schema")))
                                : Optional.empty()));
    }

    private static Schema tableSchema(byte[] ipc) {
        try {
            return FlightSqlCommands.schema(ipc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Flux<String> tableTypes() {
        return rows(Operation.FLIGHT_METADATA, FlightSqlCommands.tableTypes()).map(row -> row.getString(0));
    }

    @Override
    public Mono<Map<Integer, Object>> sqlInfo(int... ids) {
        List<Integer> list = Arrays.stream(ids).boxed().collect(Collectors.toList());
        return rows(Operation.FLIGHT_METADATA, FlightSqlCommands.sqlInfo(list))
                .collectMap(row -> row.getInt(0), row -> row.get(1), LinkedHashMap::new);
    }

    @Override
    public Mono<Void> setSessionOptions(SessionOptions options) {
        return SessionCommands.setOptions(transport, session, options.toMap());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + session.name() + "]";
    }
}
