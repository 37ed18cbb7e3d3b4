package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.NotSupportedException;

/**
 * Maps an HTTP error status onto the exception hierarchy. Transport-neutral: it sees only the number and the context,
 * so the REST transport and tests share one mapping.
 */
public final class StatusErrors {

    private StatusErrors() {
    }

    /**
     * The exception for an error response.
     *
     * @param context             carries the status, method, path, request id and body excerpt
     * @param notFoundIsMissingRoute {@code true} when a 404 means the server lacks the route (for example
     *                            {@code GET /tasks/{id}} on the official mock) rather than a missing resource
     */
    public static AltertableException forStatus(ErrorContext context, boolean notFoundIsMissingRoute) {
        int status = context.status();
        switch (status) {
            case 401:
                return new AuthenticationException("authentication failed (check the username and password)", context);
            case 403:
                return new AuthenticationException("access denied", context);
            case 400:
            case 413:
            case 415:
            case 422:
                return new BadRequestException(reason(status), context);
            case 404:
                return notFoundIsMissingRoute
                        ? new NotSupportedException("the server does not support this operation", context)
                        : new NotFoundException("not found", context);
            case 405:
            case 501:
                return new NotSupportedException("the server does not support this operation", context);
            default:
                return new ApiException(reason(status), context);
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 400: return "bad request";
            case 408: return "request timeout";
            case 413: return "request body too large";
            case 415: return "unsupported content type";
            case 422: return "request rejected";
            case 429: return "too many requests";
            case 500: return "internal server error";
            case 502: return "bad gateway";
            case 503: return "service unavailable";
            case 504: return "gateway timeout";
            default: return "unexpected status " + status;
        }
    }
}
