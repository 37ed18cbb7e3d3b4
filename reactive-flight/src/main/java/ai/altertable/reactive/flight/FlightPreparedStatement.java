package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.row.Row;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A prepared statement on the server, valid inside the scope of
 * {@link FlightSession#prepared(String, java.util.function.Function)}: the client closes it when that scope ends
 * (completion, error or cancel); there is nothing to close here.
 *
 * <p><b>Parameters</b> bind by position, one row per execution: each execution binds its values first (Java values are
 * sent as Arrow {@code Int64}, {@code Float64}, {@code Bool}, {@code Utf8}, {@code Date32} or {@code Timestamp}; other
 * values, such as {@code BigDecimal} or {@code UUID}, as their text, which the server casts). {@code null} is refused:
 * the Altertable server would bind it as the text {@code NULL}; write {@code NULL} into the SQL instead. Binding uploads
 * a record batch, which needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED}. Executions of one statement run one at
 * a time on the server; do not interleave them.
 *
 * <p>The execution methods behave as their {@link FlightSession} counterparts, including ownership of batches and
 * cancellation.
 */
public interface FlightPreparedStatement {

    /** The result schema the server announced when preparing (the stream's own schema is used for decoding). */
    Schema resultSchema();

    /** The parameter schema the server announced (empty when the statement has no parameters). */
    Schema parameterSchema();

    /** Binds {@code parameters} (if any) and runs the statement; the rows of its result. */
    Flux<Row> query(List<?> parameters);

    /** As {@link #query(List)}. */
    default Flux<Row> query(Object... parameters) {
        return query(Arrays.asList(parameters));
    }

    /** Binds and runs; the record batches, each owned by the subscriber (who closes it). */
    Flux<ArrowBatch> queryBatches(List<?> parameters);

    /** Binds and runs; each batch passed without copying to {@code perBatch}, valid only during the call. */
    <T> Flux<T> queryBatches(List<?> parameters, Function<? super VectorSchemaRoot, ? extends T> perBatch);

    /**
     * Binds and runs a statement that changes data; the number of rows changed. The Altertable mock ignores parameters
     * of prepared updates (it runs the statement without them); inline the values, or use ingest, there.
     */
    Mono<Long> update(List<?> parameters);

    /** As {@link #update(List)}. */
    default Mono<Long> update(Object... parameters) {
        return update(Arrays.asList(parameters));
    }
}
