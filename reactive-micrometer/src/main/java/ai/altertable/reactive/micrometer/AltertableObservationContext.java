package ai.altertable.reactive.micrometer;

import ai.altertable.reactive.core.observe.OperationStart;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The observation context of one client operation. A {@link SenderContext}: its carrier writes request headers (REST)
 * or gRPC metadata (Flight), so a tracing handler (Micrometer Tracing's propagating sender handler) injects the W3C
 * {@code traceparent} the server sees. Without such a handler nothing is written.
 *
 * <p>The outcome, status class and counts are filled in as the operation runs, before the observation stops.
 */
public final class AltertableObservationContext extends SenderContext<BiConsumer<String, String>> {

    private final String operation;
    private final String transport;
    private final OperationStart.Kind kind;
    private final String table;
    private final String statement;
    private final Map<String, String> attributes = new ConcurrentHashMap<>(4);
    private volatile String outcome = Outcomes.UNKNOWN;
    private volatile String statusClass = Outcomes.NONE;
    private volatile long rowsReceived;
    private volatile long rowsSent;

    AltertableObservationContext(OperationStart start, String table, String statement) {
        super((carrier, key, value) -> {
            if (carrier != null && key != null && value != null) {
                carrier.accept(key, value);
            }
        }, Kind.CLIENT);
        this.operation = start.operation();
        this.transport = start.transport();
        this.kind = start.kind();
        this.table = table;
        this.statement = statement;
        setCarrier(start.headers());
        setRemoteServiceName("altertable");
    }

    /** The operation's name ({@code query}, {@code append.batch}, {@code flight.query}, ...). */
    public String operation() {
        return operation;
    }

    /** {@code rest} or {@code flight}. */
    public String transport() {
        return transport;
    }

    /** The shape of the operation. */
    public OperationStart.Kind kind() {
        return kind;
    }

    /** The target table, only when the user opted in to the table tag; otherwise {@code null}. */
    public String table() {
        return table;
    }

    /** The SQL text, only when the user opted in to it; otherwise {@code null}. */
    public String statement() {
        return statement;
    }

    /** {@code success}, {@code error}, {@code cancelled}, or {@code unknown} while it runs. */
    public String outcome() {
        return outcome;
    }

    /** {@code 4xx}/{@code 5xx} for a failure that carried a status, {@code none} otherwise. */
    public String statusClass() {
        return statusClass;
    }

    /** Rows received so far. */
    public long rowsReceived() {
        return rowsReceived;
    }

    /** Rows sent so far. */
    public long rowsSent() {
        return rowsSent;
    }

    /** High-cardinality attributes reported by the transport ({@code query.id}, {@code request.id}). */
    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    void outcome(String outcome, String statusClass) {
        this.outcome = outcome;
        this.statusClass = statusClass;
    }

    void addRows(long received, long sent) {
        // each count has one writer at a time (the row path, or the batch path); zeros are not written, so the chunk
        // path (which reports bytes only) never races the row path
        if (received != 0) {
            rowsReceived += received;
        }
        if (sent != 0) {
            rowsSent += sent;
        }
    }

    void attribute(String key, String value) {
        if (key != null && value != null) {
            attributes.put(key, value);
        }
    }
}
