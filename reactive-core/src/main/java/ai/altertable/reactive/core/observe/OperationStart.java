package ai.altertable.reactive.core.observe;

import reactor.util.context.ContextView;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What an operation is, as handed to {@link ClientObservability#start}.
 *
 * @param operation the operation's name, of bounded cardinality ({@code query}, {@code append.batch},
 *                  {@code flight.query}, ...)
 * @param transport {@code rest} or {@code flight}
 * @param kind      what shape of operation it is
 * @param table     the table it writes to, or {@code null} (a metric tag only when the user opted in)
 * @param statement the SQL text, or {@code null} (recorded only when the user opted in)
 * @param context   the subscriber's Reactor context (where a parent observation or span may be found)
 * @param headers   writes a header (REST) or gRPC metadata entry (Flight) that the operation's requests carry; a
 *                  tracing implementation puts {@code traceparent} there
 */
public record OperationStart(String operation, String transport, Kind kind, String table, String statement,
                             ContextView context, BiConsumer<String, String> headers) {

    /** The REST transport's name. */
    public static final String REST = "rest";
    /** The Flight transport's name. */
    public static final String FLIGHT = "flight";

    /** The shape of an operation. */
    public enum Kind {
        /** A streamed result (rows or batches): it is open until its outcome, and has a first row. */
        STREAM,
        /** One attempt to write one batch of a batched write. */
        BATCH,
        /** Any other call (one request, one answer; an upload). */
        CALL
    }

    public OperationStart {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(headers, "headers");
    }

    @Override
    public String toString() {
        return "OperationStart[" + operation + ", " + transport + ", " + kind + "]";
    }
}
