package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code client_interface} of a query log entry ({@link QueryLogEntry}, {@code GET /query/{id}}, protocol §7): which
 * kind of session ran the query ({@code SessionKind} in the spec).
 *
 * <p>The official mock always writes {@code "HttpQuery"}. Wire strings are PascalCase and matched exactly; any other
 * string decodes to {@link #UNKNOWN} (written back as {@code "unknown"}, which no server sends).
 */
public enum ClientInterface {
    /** Arrow Flight SQL. */
    ARROW_FLIGHT_SQL("ArrowFlightSQL"),
    /** {@code POST /query}. */
    HTTP_QUERY("HttpQuery"),
    /** {@code DELETE /query/{id}}. */
    HTTP_CANCEL("HttpCancel"),
    /** {@code POST /validate}. */
    HTTP_VALIDATE("HttpValidate"),
    /** {@code POST /explain}. */
    HTTP_EXPLAIN("HttpExplain"),
    /** {@code POST /autocomplete}. */
    HTTP_AUTOCOMPLETE("HttpAutocomplete"),
    /** The PostgreSQL wire protocol. */
    POSTGRES("Postgres"),
    /** A kind this client does not know. */
    UNKNOWN("unknown");

    private final String wire;

    ClientInterface(String wire) {
        this.wire = wire;
    }

    /** The string on the wire, e.g. {@code "HttpQuery"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Lenient decoding: exact match, else {@link #UNKNOWN}; {@code null} stays {@code null}. */
    @JsonCreator
    public static ClientInterface fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (ClientInterface c : values()) {
            if (c != UNKNOWN && c.wire.equals(value)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
