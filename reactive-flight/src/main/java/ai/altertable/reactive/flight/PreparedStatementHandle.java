package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.internal.FlightSqlCommands;
import ai.altertable.reactive.flight.internal.FlightTransport;
import ai.altertable.reactive.flight.internal.ParameterBatch;
import ai.altertable.reactive.flight.internal.PutUpload;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A prepared statement of one session: created with the {@code CreatePreparedStatement} action, closed with
 * {@code ClosePreparedStatement} (which carries the session's token like every call: the client injects it, it is never
 * a per-call option that a close could forget). Each execution binds its parameters with a one-row {@code DoPut} first
 * (converted by {@link ParameterBatch}); several parameter rows are several executions, one after the other.
 */
final class PreparedStatementHandle implements FlightPreparedStatement {

    private static final Logger log = Loggers.getLogger(PreparedStatementHandle.class);

    private final SessionOperations session;
    private final byte[] handle;
    private final Schema resultSchema;
    private final Schema parameterSchema;

    private PreparedStatementHandle(SessionOperations session, byte[] handle, Schema resultSchema,
                                    Schema parameterSchema) {
        this.session = session;
        this.handle = handle;
        this.resultSchema = resultSchema;
        this.parameterSchema = parameterSchema;
    }

    static Mono<PreparedStatementHandle> create(SessionOperations session, String sql) {
        FlightTransport t = session.transport;
        return t.unary(session.session, Operation.FLIGHT_PREPARE, "DoAction", scope -> {
            FlightSql.ActionCreatePreparedStatementResult result = FlightSqlCommands.unpack(
                    FlightSqlCommands.firstResult(t.client().doAction(
                            FlightSqlCommands.createPrepared(sql, session.session.transactionId()),
                            t.unaryCallOptions())),
                    FlightSql.ActionCreatePreparedStatementResult.class);
            return new PreparedStatementHandle(session, result.getPreparedStatementHandle().toByteArray(),
                    FlightSqlCommands.schema(result.getDatasetSchema()),
                    FlightSqlCommands.schema(result.getParameterSchema()));
        }, late -> late.close().subscribe()); // created after the subscriber left: close it on the server
    }

    /** Closes the statement on the server; a failure is logged, not delivered (the scope's outcome stands). */
    Mono<Void> close() {
        FlightTransport t = session.transport;
        return t.unary(session.session, Operation.FLIGHT_PREPARE, "DoAction", scope -> {
                    FlightSqlCommands.firstResult(t.client().doAction(FlightSqlCommands.closePrepared(handle),
                            t.unaryCallOptions()));
                    return Boolean.TRUE;
                })
                .then()
                .onErrorResume(e -> {
                    log.warn("closing a prepared statement failed: {}", e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public Schema resultSchema() {
        return resultSchema;
    }

    @Override
    public Schema parameterSchema() {
        return parameterSchema;
    }

    @Override
    public Flux<Row> query(List<?> parameters) {
        return queryEach(List.of(parameters));
    }

    @Override
    public Flux<Row> queryEach(List<? extends List<?>> parameterRows) {
        return each(parameterRows, Operation.FLIGHT_QUERY,
                values -> bind(values).thenMany(session.rows(Operation.FLIGHT_QUERY, descriptor())));
    }

    @Override
    public Flux<ArrowBatch> queryBatches(List<?> parameters) {
        return each(List.of(parameters), Operation.FLIGHT_QUERY,
                values -> bind(values).thenMany(session.batches(Operation.FLIGHT_QUERY, descriptor())));
    }

    @Override
    public <T> Flux<T> queryBatches(List<?> parameters, Function<? super VectorSchemaRoot, ? extends T> perBatch) {
        return each(List.of(parameters), Operation.FLIGHT_QUERY,
                values -> bind(values).thenMany(session.scoped(Operation.FLIGHT_QUERY, descriptor(), perBatch)));
    }

    @Override
    public Mono<Long> update(List<?> parameters) {
        return updateEach(List.of(parameters)).single();
    }

    @Override
    public Flux<Long> updateEach(List<? extends List<?>> parameterRows) {
        return each(parameterRows, Operation.FLIGHT_UPDATE, values -> session.update(
                FlightSqlCommands.preparedUpdate(handle), values.isEmpty() ? Flux.empty() : Flux.just(values),
                this::parameterBatch));
    }

    /**
     * One execution per parameter row, in order, the next subscribed when the previous completes; every row is checked
     * and converted at subscription, before anything is sent.
     */
    private <T> Flux<T> each(List<? extends List<?>> parameterRows, Operation operation,
                             Function<List<Object>, Publisher<T>> execution) {
        Objects.requireNonNull(parameterRows, "parameterRows");
        return Flux.defer(() -> Flux.fromIterable(ParameterBatch.convert(parameterRows, parameterSchema, operation)))
                .concatMap(execution);
    }

    private FlightDescriptor descriptor() {
        return FlightSqlCommands.preparedQuery(handle);
    }

    /** Uploads one row of converted values (a no-op without any). */
    private Mono<Void> bind(List<Object> values) {
        if (values.isEmpty()) {
            return Mono.empty();
        }
        return PutUpload.run(session.transport, session.session, descriptor(), Operation.FLIGHT_QUERY,
                Flux.just(values), this::parameterBatch, p -> { }, null).then();
    }

    private List<VectorSchemaRoot> parameterBatch(List<Object> values, BufferAllocator allocator) {
        return List.of(ParameterBatch.of(values, parameterSchema, allocator));
    }

    @Override
    public String toString() {
        return "FlightPreparedStatement[" + resultSchema + "]";
    }
}
