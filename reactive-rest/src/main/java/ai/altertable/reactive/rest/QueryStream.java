package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import reactor.core.publisher.Flux;

/**
 * A query result that is still arriving, handed to the handler of {@link LakehouseClient#query(
 * ai.altertable.reactive.core.model.QueryRequest, java.util.function.Function)}: the metadata line, the columns, and
 * the rows, which are still on the wire. A result collected in memory is a {@link QueryResult}
 * ({@link LakehouseClient#queryAll}).
 *
 * <p>{@link #rows()} may be subscribed once; rows are read from the network as they are requested. Cancelling it
 * closes the connection and cancels the query on the server.
 */
public interface QueryStream {

    /** Line 1: statement, query and session ids as the server used them, timing. */
    QueryMetadata metadata();

    /** Line 2: the columns, with DuckDB type names when the server sends them (production does; the official mock
     * sends names only, or none for an empty result). */
    RowMetadata columns();

    /** The rows. Subscribe at most once. A server-side failure after some rows arrives as a
     * {@link ai.altertable.reactive.core.QueryException} after those rows. */
    Flux<Row> rows();

    /** The query id from the metadata (always read it from there: the server may not use the one sent). */
    default String queryId() {
        return metadata().queryId();
    }

    /** The session id from the metadata. */
    default String sessionId() {
        return metadata().sessionId();
    }
}
