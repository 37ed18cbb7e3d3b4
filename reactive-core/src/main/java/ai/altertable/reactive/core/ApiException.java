package ai.altertable.reactive.core;

/**
 * The server answered with a status that no more specific subtype covers. Retryable for 408, 429 and 5xx except 501, since
 * those are transient by definition; see {@link #retryAfter()} for the server's pacing hint.
 */
public class ApiException extends AltertableException {

    private static final long serialVersionUID = 1L;

    public ApiException(String message, ErrorContext context, Throwable cause) {
        super(message, context, retryableStatus(context), cause);
    }

    public ApiException(String message, ErrorContext context) {
        this(message, context, null);
    }

    static boolean retryableStatus(ErrorContext context) {
        int s = context == null ? ErrorContext.NO_STATUS : context.status();
        return s == 408 || s == 429 || (s >= 500 && s != 501 && s < 600);
    }
}
