package ai.altertable.reactive.core;

/**
 * The operations of the Altertable clients, named as the client spec names them, with whether repeating one is safe.
 *
 * <p>{@link #isIdempotent()} is what {@link RetryPolicy} consults before repeating a failed call. Writes
 * ({@link #APPEND}, {@link #UPLOAD}, {@link #UPSERT}, Flight updates and ingest) are not idempotent: after a write may
 * have reached the server, it is never repeated unless the caller opts into at-least-once delivery. A query is
 * idempotent only when it is read-only, which is why there are two query operations: the REST client picks
 * {@link #READ_ONLY_QUERY} when the caller marks a query read-only or when {@link ReadOnlySql} recognises it.
 */
public enum Operation {
    /** {@code POST /query} with a statement that may write. */
    QUERY("query", false),
    /** {@code POST /query} with a statement known to be read-only. */
    READ_ONLY_QUERY("query", true),
    /** {@code GET /query/{id}}: the query log entry. */
    GET_QUERY("getQuery", true),
    /** {@code DELETE /query/{id}}: cancelling twice is harmless. */
    CANCEL_QUERY("cancelQuery", true),
    /** {@code POST /validate}. */
    VALIDATE("validate", true),
    /** {@code POST /explain}. */
    EXPLAIN("explain", true),
    /** {@code POST /autocomplete}. */
    AUTOCOMPLETE("autocomplete", true),
    /** {@code POST /append}. */
    APPEND("append", false),
    /** {@code GET /tasks/{id}}. */
    GET_TASK("getTask", true),
    /** {@code POST /upload}. */
    UPLOAD("upload", false),
    /** {@code POST /upsert}. */
    UPSERT("upsert", false),
    /** Flight handshake. */
    FLIGHT_HANDSHAKE("handshake", true),
    /** Flight statement query (GetFlightInfo + DoGet) with a statement that may write. */
    FLIGHT_QUERY("flightQuery", false),
    /** Flight statement query known to be read-only. */
    FLIGHT_READ_ONLY_QUERY("flightQuery", true),
    /** Flight {@code CommandStatementUpdate} / prepared update. */
    FLIGHT_UPDATE("flightUpdate", false),
    /** Flight prepared statement creation and closing. */
    FLIGHT_PREPARE("flightPrepare", true),
    /** Flight bulk ingest ({@code DoPut CommandStatementIngest}). */
    FLIGHT_INGEST("flightIngest", false),
    /** Flight metadata commands (catalogs, schemas, tables, SQL info). */
    FLIGHT_METADATA("flightMetadata", true),
    /** Flight transaction begin, commit, rollback. */
    FLIGHT_TRANSACTION("flightTransaction", false),
    /** Flight session options. */
    FLIGHT_SESSION("flightSession", true),
    /** Flight cancel. */
    FLIGHT_CANCEL("flightCancel", true);

    private final String specName;
    private final boolean idempotent;

    Operation(String specName, boolean idempotent) {
        this.specName = specName;
        this.idempotent = idempotent;
    }

    /** The name the client spec (and error messages) use for this operation. */
    public String specName() {
        return specName;
    }

    /** Whether repeating the operation after it may have reached the server is safe. */
    public boolean isIdempotent() {
        return idempotent;
    }

    /** {@link #READ_ONLY_QUERY} when {@code sql} is recognisably read-only, otherwise {@link #QUERY}. */
    public static Operation forQuery(String sql) {
        return ReadOnlySql.isReadOnly(sql) ? READ_ONLY_QUERY : QUERY;
    }

    /** {@link #FLIGHT_READ_ONLY_QUERY} when {@code sql} is recognisably read-only, otherwise {@link #FLIGHT_QUERY}. */
    public static Operation forFlightQuery(String sql) {
        return ReadOnlySql.isReadOnly(sql) ? FLIGHT_READ_ONLY_QUERY : FLIGHT_QUERY;
    }
}
