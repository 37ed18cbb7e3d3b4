package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.internal.Redaction;
import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendResponse;

/**
 * The server refused an append: it answered {@code POST /append} with {@code ok: false}
 * ({@link AppendErrorCode#INVALID_DATA invalid-data} or {@link AppendErrorCode#INCOMPATIBLE_SCHEMA incompatible-schema},
 * with the server's {@code error_message} when it sends one). Nothing of the refused rows was written. Not retryable:
 * the same rows would be refused again.
 *
 * <p>Both {@link LakehouseClient#append} and the batched appends ({@code appendAll}, {@code appender}) signal a refusal
 * with this exception, never as a response the caller has to check. A failure that happens <em>after</em> the server
 * accepted an asynchronous append is not a refusal: it only shows in the task ({@link LakehouseClient#getTask},
 * {@link LakehouseClient#awaitTask}); appending with {@code sync=true} makes the answer the final outcome instead.
 */
public class AppendRejectedException extends AltertableException {

    private static final long serialVersionUID = 1L;

    private final transient AppendResponse response;

    /** A refusal without request details. */
    public AppendRejectedException(AppendResponse response) {
        this(response, ErrorContext.builder().operation("append").build());
    }

    /**
     * A refusal of the request described by {@code context} (operation, method, path).
     *
     * @param response the server's answer, with {@code ok: false}
     */
    public AppendRejectedException(AppendResponse response, ErrorContext context) {
        super(message(response), context, false, null);
        this.response = response;
    }

    /** {@code append refused: invalid-data (<error_message>)}; the message redacted like every error text. */
    private static String message(AppendResponse response) {
        String code = response.errorCode() == null ? "no error_code" : response.errorCode().wire();
        return "append refused: " + code + (response.errorMessage() == null ? ""
                : " (" + Redaction.redact(response.errorMessage()) + ")");
    }

    /** The server's answer, as received. */
    public AppendResponse response() {
        return response;
    }

    /** The server's {@code error_code}; {@link AppendErrorCode#UNKNOWN} for a code this client does not know. */
    public AppendErrorCode errorCode() {
        return response.errorCode();
    }

    /** The server's {@code error_message}, or {@code null} when it sent none (the official mock never does). */
    public String errorMessage() {
        return response.errorMessage();
    }
}
