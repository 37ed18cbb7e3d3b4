package ai.altertable.reactive.core;

/**
 * The connection failed: refused, reset, closed before the response was complete (for example a {@code /query} stream
 * that ends before its columns line or in the middle of a row), or a TLS failure. A truncated stream is always reported
 * this way, never as a short result.
 *
 * <p>Retryable: the failure says nothing about the request itself. Whether a write is repeated is decided separately,
 * because a write may have reached the server before the connection broke.
 */
public class NetworkException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public NetworkException(String message, ErrorContext context, Throwable cause) {
        super(message, context, true, cause);
    }

    public NetworkException(String message, ErrorContext context) {
        this(message, context, null);
    }
}
