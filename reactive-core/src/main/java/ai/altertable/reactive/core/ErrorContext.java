package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.Redaction;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a failure happened: the operation, the HTTP method and path (or the Flight RPC), the status, the server's request id,
 * a bounded and redacted excerpt of the response body, and an optional {@code Retry-After} hint.
 *
 * <p>Instances are immutable. The body excerpt is cut to {@value #MAX_EXCERPT_CHARS} characters and passed through
 * {@link Redaction} when it is set, so an {@code ErrorContext} never holds a credential that appeared in a response.
 */
public final class ErrorContext {

    /** Longest body excerpt kept, in characters. */
    public static final int MAX_EXCERPT_CHARS = 512;

    /** Status value meaning "no status was received" (connection failures, parse errors before a response). */
    public static final int NO_STATUS = 0;

    private static final ErrorContext NONE = builder().build();

    private final String operation;
    private final String method;
    private final String path;
    private final int status;
    private final String requestId;
    private final String bodyExcerpt;
    private final Duration retryAfter;

    private ErrorContext(Builder b) {
        this.operation = b.operation;
        this.method = b.method;
        this.path = b.path;
        this.status = b.status;
        this.requestId = b.requestId;
        this.bodyExcerpt = b.bodyExcerpt;
        this.retryAfter = b.retryAfter;
    }

    /** An empty context, for failures that happen outside any request (configuration, local validation). */
    public static ErrorContext none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The operation's name as the client spec names it ({@code query}, {@code append}, ...), or {@code null}. */
    public String operation() {
        return operation;
    }

    /** The HTTP method ({@code POST}, {@code GET}, ...) or {@code RPC} for Flight calls, or {@code null}. */
    public String method() {
        return method;
    }

    /** The request path without query string ({@code /query}), or the Flight RPC name ({@code DoGet}), or {@code null}. */
    public String path() {
        return path;
    }

    /** The HTTP status, the gRPC status code for Flight, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    /** The {@code x-request-id} (or {@code x-correlation-id}) the server sent, or {@code null}. */
    public String requestId() {
        return requestId;
    }

    /** At most {@value #MAX_EXCERPT_CHARS} redacted characters of the response body, or {@code null}. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** The server's {@code Retry-After} hint, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Builder mutate() {
        Builder b = new Builder();
        b.operation = operation;
        b.method = method;
        b.path = path;
        b.status = status;
        b.requestId = requestId;
        b.bodyExcerpt = bodyExcerpt;
        b.retryAfter = retryAfter;
        return b;
    }

    /** A compact description such as {@code query POST /query status=503 request-id=abc}, without the body. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, operation);
        append(sb, method);
        append(sb, path);
        if (status != NO_STATUS) {
            append(sb, "status=" + status);
        }
        if (requestId != null) {
            append(sb, "request-id=" + requestId);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (part != null && !part.isEmpty()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(part);
        }
    }

    @Override
    public String toString() {
        String d = describe();
        return "ErrorContext[" + d + (bodyExcerpt == null ? "" : " body=" + bodyExcerpt) + "]";
    }

    /** Builder for {@link ErrorContext}. */
    public static final class Builder {
        private String operation;
        private String method;
        private String path;
        private int status = NO_STATUS;
        private String requestId;
        private String bodyExcerpt;
        private Duration retryAfter;

        private Builder() {
        }

        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** The path; a query string, if any, is dropped so that no parameter value ends up in an error message. */
        public Builder path(String path) {
            if (path != null) {
                int q = path.indexOf('?');
                path = q >= 0 ? path.substring(0, q) : path;
            }
            this.path = path;
            return this;
        }

        public Builder status(int status) {
            this.status = status;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId == null ? null : Redaction.excerpt(requestId, 128);
            return this;
        }

        /** Sets the body excerpt, cutting it to {@value #MAX_EXCERPT_CHARS} characters and redacting secrets. */
        public Builder body(String body) {
            this.bodyExcerpt = body == null || body.isEmpty() ? null : Redaction.excerpt(body, MAX_EXCERPT_CHARS);
            return this;
        }

        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter != null && retryAfter.isNegative()) {
                retryAfter = Duration.ZERO;
            }
            this.retryAfter = retryAfter;
            return this;
        }

        public ErrorContext build() {
            return new ErrorContext(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ErrorContext)) {
            return false;
        }
        ErrorContext that = (ErrorContext) o;
        return status == that.status && Objects.equals(operation, that.operation) && Objects.equals(method, that.method)
                && Objects.equals(path, that.path) && Objects.equals(requestId, that.requestId)
                && Objects.equals(bodyExcerpt, that.bodyExcerpt) && Objects.equals(retryAfter, that.retryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, method, path, status, requestId, bodyExcerpt, retryAfter);
    }
}
