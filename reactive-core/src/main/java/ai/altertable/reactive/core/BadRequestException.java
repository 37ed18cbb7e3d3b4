package ai.altertable.reactive.core;

/**
 * The server refused the request as malformed (HTTP 400, 413, 415, 422; Flight {@code INVALID_ARGUMENT}).
 * {@link #status()} tells which; the body excerpt carries the server's reason. Not retryable.
 */
public class BadRequestException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    public BadRequestException(String message, ErrorContext context) {
        this(message, context, null);
    }
}
