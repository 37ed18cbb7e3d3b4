package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.model.AppendErrorCode;
import ai.altertable.reactive.core.model.AppendResponse;

/**
 * The server answered a batched append with {@code ok: false} (for example {@code invalid-data} or
 * {@code incompatible-schema}). Not retryable: the same rows would be refused again. A single {@code append} call
 * returns such a response as data instead; batched appends turn it into this failure of the batch.
 */
public class AppendRejectedException extends AltertableException {

    private static final long serialVersionUID = 1L;

    private final transient AppendResponse response;

    public AppendRejectedException(AppendResponse response) {
        super("append refused: " + response.errorCode() + (response.errorMessage() == null ? ""
                : " (" + response.errorMessage() + ")"), ErrorContext.builder().operation("append").build(), false,
                null);
        this.response = response;
    }

    public AppendResponse response() {
        return response;
    }

    public AppendErrorCode errorCode() {
        return response.errorCode();
    }
}
