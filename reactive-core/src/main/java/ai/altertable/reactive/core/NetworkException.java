package ai.altertable.reactive.core;

/**
 * The connection failed: refused, reset, closed before the response was complete (for example a {@code /query} stream
 * that ends before its columns line or in the middle of a row), or a TLS failure. A truncated stream is always reported
 * this way, never as a short result.
 *
 * <p>Retryable (except a {@link TlsException}, which a retry cannot fix): the failure says nothing about the request
 * itself. {@link #requestSent()} tells whether the request may
 * have reached the server; only when it certainly did not (the connection was never established) may a write be
 * repeated without risking a duplicate.
 */
public class NetworkException extends AltertableException {

    private static final long serialVersionUID = 1L;

    private final boolean requestSent;

    /** A failure after the request may have been sent. */
    public NetworkException(String message, ErrorContext context, Throwable cause) {
        this(message, context, true, cause);
    }

    /**
     * @param requestSent {@code false} only when the request certainly did not leave the client (for example the
     *                    connection was refused); {@code true} when in doubt
     */
    public NetworkException(String message, ErrorContext context, boolean requestSent, Throwable cause) {
        super(message, context, true, cause);
        this.requestSent = requestSent;
    }

    /**
     * For subtypes that decide whether they are retryable ({@link TlsException} is not).
     *
     * @param requestSent as in {@link #NetworkException(String, ErrorContext, boolean, Throwable)}
     */
    protected NetworkException(String message, ErrorContext context, boolean requestSent, boolean retryable,
                               Throwable cause) {
        super(message, context, retryable, cause);
        this.requestSent = requestSent;
    }

    public NetworkException(String message, ErrorContext context) {
        this(message, context, true, null);
    }

    /** Whether the request may have reached the server. {@code false} means it certainly did not. */
    public boolean requestSent() {
        return requestSent;
    }
}
