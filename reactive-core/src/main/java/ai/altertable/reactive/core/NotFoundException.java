package ai.altertable.reactive.core;

/**
 * The addressed resource does not exist (HTTP 404 for a query id, Flight {@code NOT_FOUND}). Not retryable.
 */
public class NotFoundException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    public NotFoundException(String message, ErrorContext context) {
        this(message, context, null);
    }
}
