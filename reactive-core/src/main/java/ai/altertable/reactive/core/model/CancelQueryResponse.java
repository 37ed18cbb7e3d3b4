package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to {@code DELETE /query/{query_id}?session_id=…} (protocol §8), returned by the {@code cancelQuery}
 * operation. Both keys are always written, in this order.
 *
 * <p>{@code cancelled:false} is data, not an error: on the official mock it means the session id did not match
 * ({@link #sessionMismatch()}). An unknown query id is a 404 instead (the spec calls it "session not found"). The mock
 * cancels nothing and answers {@code true} even for finished queries ({@link #accepted()}); production cancels a
 * running query. A missing {@code cancelled} key reads as {@code false}.
 *
 * @param cancelled whether the server accepted the cancel
 * @param message   the server's explanation, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"cancelled", "message"})
public record CancelQueryResponse(
        @JsonProperty("cancelled") boolean cancelled,
        @JsonProperty("message") String message) {

    /** The mock's message when the cancel is accepted. */
    public static final String MESSAGE_CANCELLED = "Query cancelled";
    /** The mock's message when the session id does not match the query's. */
    public static final String MESSAGE_SESSION_MISMATCH = "Session ID does not match";

    /** The mock's answer for a matching session: {@code {"cancelled":true,"message":"Query cancelled"}}. */
    public static CancelQueryResponse accepted() {
        return new CancelQueryResponse(true, MESSAGE_CANCELLED);
    }

    /** The mock's answer for another session: {@code {"cancelled":false,"message":"Session ID does not match"}}. */
    public static CancelQueryResponse sessionMismatch() {
        return new CancelQueryResponse(false, MESSAGE_SESSION_MISMATCH);
    }
}
