package ai.altertable.reactive.core;

/**
 * The server does not offer this operation: HTTP 404 on a route the client spec defines but the server lacks (for example
 * {@code GET /tasks/{id}} on the official mock), HTTP 405, or Flight {@code UNIMPLEMENTED}. Not retryable.
 */
public class NotSupportedException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public NotSupportedException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    public NotSupportedException(String message, ErrorContext context) {
        this(message, context, null);
    }
}
