package ai.altertable.reactive.core;

/**
 * The server rejected the credentials (HTTP 401 or 403, Flight {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED}).
 * Not retryable: the same credentials will be rejected again. The message never contains the credentials.
 */
public class AuthenticationException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    public AuthenticationException(String message, ErrorContext context) {
        this(message, context, null);
    }
}
