package ai.altertable.reactive.mock;

/**
 * What the mock saw of one Flight {@code DoGet} stream, for tests of backpressure and cancellation: how many rows it
 * read from DuckDB and how many it handed to gRPC, whether it is still running, and how it ended. A snapshot; ask
 * again for fresh values ({@link AltertableMock#flightStreams()}).
 *
 * <p>The mock reads DuckDB only as the client reads the stream, so a client that stops reading leaves
 * {@code rowsExported} within a bounded window of {@code rowsSent}. The exception is {@code materialized}: when another
 * call on the same session needs the session's connection, the stream reads the rest of its result into memory (as
 * the official mock always does) and lets the session go.
 *
 * @param id           increasing number of the stream within the mock
 * @param description  what is streamed: the SQL of a statement or prepared statement, or the metadata command
 * @param username     the user
 * @param rowsExported rows read from DuckDB so far
 * @param rowsSent     rows handed to gRPC so far
 * @param running      whether the stream is still open
 * @param cancelled    whether the client cancelled it
 * @param materialized whether the rest of the result was read into memory for a waiting call on the same session
 * @param error        the error the stream ended with, or {@code null}
 */
public record ObservedFlightStream(long id, String description, String username, long rowsExported, long rowsSent,
                                   boolean running, boolean cancelled, boolean materialized, String error) {
}
