package ai.altertable.reactive.core;

/**
 * The server reported that the query failed, in the stream itself: an {@code {"error": "..."}} line after the metadata,
 * either instead of the columns line or after some rows. Rows that came before the error line have been delivered
 * before this exception. Not retryable: SQL errors repeat.
 */
public class QueryException extends AltertableException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;
    private final String queryId;
    private final String serverMessage;

    public QueryException(String serverMessage, long lineNumber, String queryId, ErrorContext context) {
        super("query " + (queryId == null ? "" : queryId + " ") + "failed at line " + lineNumber + ": "
                + ai.altertable.reactive.core.internal.Redaction.excerpt(serverMessage, 2048), context, false, null);
        this.lineNumber = lineNumber;
        this.queryId = queryId;
        this.serverMessage = ai.altertable.reactive.core.internal.Redaction.redact(serverMessage);
    }

    /** 1-based line of the body that carried the error. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The query id from the stream's metadata line, or {@code null} if the error came before it. */
    public String queryId() {
        return queryId;
    }

    /** The server's error text (redacted), for example DuckDB's message. */
    public String serverMessage() {
        return serverMessage;
    }
}
