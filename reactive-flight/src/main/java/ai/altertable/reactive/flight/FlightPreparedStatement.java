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
 * <p><b>Parameters</b> bind by position, one row per execution: each execution first uploads its one row of values,
 * then runs. The Altertable server binds every value as text that DuckDB casts to the parameter's type, and reads only
 * a few Arrow types (Flight SQL protocol §9.2), so the client sends each Java value in a form the server binds as
 * meant:
 * <table>
 *   <caption>How each Java value is bound</caption>
 *   <tr><th>Java value</th><th>sent as</th></tr>
 *   <tr><td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}, a {@code BigInteger} under 64 bits</td>
 *       <td>{@code Int64}</td></tr>
 *   <tr><td>{@code Double}, {@code Float} (by its decimal text: {@code 0.1f} is 0.1)</td><td>{@code Float64}</td></tr>
 *   <tr><td>{@code Boolean}</td><td>{@code Bool}</td></tr>
 *   <tr><td>{@code BigDecimal}</td><td>its plain text, {@code 1.50} (the server cannot read Arrow decimals)</td></tr>
 *   <tr><td>{@code LocalDate}</td><td>{@code 2024-02-29} (proleptic ISO years: {@code 0000} is 1 BC)</td></tr>
 *   <tr><td>{@code LocalTime}</td><td>{@code 13:45:00.123456789}; DuckDB's {@code TIME} keeps microseconds</td></tr>
 *   <tr><td>{@code LocalDateTime}</td><td>{@code 2024-02-29 13:45:00.123456789}: wall-clock time, which a
 *       {@code TIMESTAMPTZ} parameter reads in the server's {@code TimeZone} setting</td></tr>
 *   <tr><td>{@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}</td><td>the instant as UTC text with its
 *       offset, {@code 2024-02-29 12:45:00.000000000+00}: the same instant in a {@code TIMESTAMPTZ} whatever the
 *       server's time zone; a {@code TIMESTAMP} parameter gets the UTC wall-clock time</td></tr>
 *   <tr><td>{@code byte[]}, {@code ByteBuffer} (its remaining bytes)</td><td>DuckDB's escaped blob text,
 *       {@code \x01\xFF}, which casts back to the same bytes (the server turns Arrow binary into an unusable
 *       rendering)</td></tr>
 *   <tr><td>{@code UUID}, {@code String}, and any other value</td><td>{@code toString()}, as {@code Utf8}</td></tr>
 * </table>
 * {@code null} is refused with a {@link ai.altertable.reactive.core.BadRequestException}: the server would bind the
 * text {@code NULL}, not SQL {@code NULL}; write {@code NULL} into the SQL instead. So is a row with a number of values
 * other than the number of parameters the server announced (the server would reuse stale values or fail). Both are
 * checked for every row before anything is sent. Binding uploads a record batch, which needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.
 *
 * <p><b>Several rows.</b> {@link #queryEach(List)} and {@link #updateEach(List)} run the statement once per row, one
 * execution after the other, in order. They are <b>not atomic</b>: a failing row stops the rows after it, and the rows
 * before it stay executed, unless the statement belongs to a transaction
 * ({@link LakehouseFlightClient#inTransaction}) that then rolls back.
 *
 * <p>Executions of one statement run one at a time on the server (the bound values are the statement's); do not
 * interleave them. The execution methods behave as their {@link FlightSession} counterparts, including ownership of
 * batches and cancellation.
 */
public interface FlightPreparedStatement {

    /** The result schema the server announced when preparing (the stream's own schema is used for decoding). */
    Schema resultSchema();

    /** The parameter schema the server announced (empty when the statement has no parameters). */
    Schema parameterSchema();

    /** Binds {@code parameters} (if any; see the table above) and runs the statement; the rows of its result. */
    Flux<Row> query(List<?> parameters);

    /** As {@link #query(List)}. */
    default Flux<Row> query(Object... parameters) {
        return query(Arrays.asList(parameters));
    }

    /**
     * Runs the statement once per parameter row, in order, each binding its row first; the rows of every result,
     * concatenated in the order of the parameter rows. Not atomic (see above); an empty list runs nothing.
     */
    Flux<Row> queryEach(List<? extends List<?>> parameterRows);

    /** Binds and runs; the record batches, each owned by the subscriber (who closes it). */
    Flux<ArrowBatch> queryBatches(List<?> parameters);

    /** Binds and runs; each batch passed without copying to {@code perBatch}, valid only during the call. */
    <T> Flux<T> queryBatches(List<?> parameters, Function<? super VectorSchemaRoot, ? extends T> perBatch);

    /**
     * Binds and runs a statement that changes data; the number of rows changed. The parameters travel with the
     * update ({@code CommandPreparedStatementUpdate}), and the embedded mock binds them; the official
     * {@code altertable-mock} runs such an update without its parameters (a bug there, Flight SQL protocol §9.4), so
     * a statement with placeholders fails on it with {@code Failed to execute query: …}. Never retried.
     */
    Mono<Long> update(List<?> parameters);

    /** As {@link #update(List)}. */
    default Mono<Long> update(Object... parameters) {
        return update(Arrays.asList(parameters));
    }

    /**
     * Runs the update once per parameter row, in order; the number of rows each execution changed, one count per
     * parameter row. Not atomic (see above): the counts received before an error are the executions that happened.
     */
    Flux<Long> updateEach(List<? extends List<?>> parameterRows);
}
