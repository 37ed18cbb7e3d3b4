package ai.altertable.reactive.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The root of every failure the altertable-reactive clients report. Unchecked, so it travels through Reactor's
 * {@code onError} unchanged.
 *
 * <p>Every instance carries an {@link ErrorContext}: the operation, HTTP method and path (or Flight RPC), status, the
 * server's request id, a bounded redacted body excerpt and an optional {@code Retry-After}. {@link #isRetryable()} says
 * whether the failure is transient; whether an operation is actually retried also depends on whether it is safe to repeat
 * (see {@link RetryPolicy} and {@link Operation#isIdempotent()}).
 *
 * <p>Messages never contain credentials: the body excerpt is redacted and request bodies are never included.
 */
public class AltertableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorContext context;
    private final boolean retryable;
    private final String reason;

    public AltertableException(String message, ErrorContext context, boolean retryable, Throwable cause) {
        super(message(message, context), cause);
        this.context = context == null ? ErrorContext.none() : context;
        this.retryable = retryable;
        this.reason = Objects.requireNonNullElse(message, "request failed");
    }

    private static String message(String message, ErrorContext context) {
        StringBuilder sb = new StringBuilder(Objects.requireNonNullElse(message, "request failed"));
        if (context != null) {
            String where = context.describe();
            if (!where.isEmpty()) {
                sb.append(" [").append(where).append(']');
            }
            if (context.bodyExcerpt() != null) {
                sb.append(": ").append(context.bodyExcerpt());
            }
        }
        return sb.toString();
    }

    /**
     * What went wrong, without the context: the message before its {@code [operation method path status …]} part and
     * the body excerpt. For an exception that wraps this one and carries the same context (so that its message names
     * the context once).
     */
    public String reason() {
        return reason;
    }

    /** Where the failure happened. Never {@code null}. */
    public ErrorContext context() {
        return context;
    }

    /** The operation's name ({@code query}, {@code append}, ...), or {@code null}. */
    public String operation() {
        return context.operation();
    }

    /** HTTP method, or {@code RPC} for Flight calls, or {@code null}. */
    public String method() {
        return context.method();
    }

    /** The request path (or Flight RPC name), or {@code null}. */
    public String path() {
        return context.path();
    }

    /** HTTP status or gRPC code, or {@link ErrorContext#NO_STATUS}. */
    public int status() {
        return context.status();
    }

    /** The server's request or correlation id, or {@code null}. */
    public String requestId() {
        return context.requestId();
    }

    /** A redacted excerpt of the response body, or {@code null}. */
    public String bodyExcerpt() {
        return context.bodyExcerpt();
    }

    /** The server's {@code Retry-After} hint, or {@code null}. */
    public Duration retryAfter() {
        return context.retryAfter();
    }

    /**
     * Whether the failure is transient, so that repeating the same request later may succeed (5xx, 429, connection
     * resets, timeouts). Repeating a write is a separate decision: see {@link Operation#isIdempotent()}.
     */
    public boolean isRetryable() {
        return retryable;
    }
}
