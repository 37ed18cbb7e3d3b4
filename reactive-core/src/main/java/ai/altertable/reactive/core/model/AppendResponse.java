package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to {@code POST /append} (protocol §11.3), returned by the {@code append} operation once the server has
 * accepted the rows. On the wire {@code ok:false} arrives with HTTP 200 for rows the server refuses and 400 for a body
 * that is not an object or array of objects; the REST client's append operations turn a 200 {@code ok:false} into an
 * {@code AppendRejectedException} carrying this response, so a value they return has {@code ok:true}.
 *
 * <p>Wire shape, in the order {@code ok}, {@code error_code}, {@code error_message}, {@code task_id}: {@code ok} and
 * {@code error_code} are always written ({@code "error_code":null} on success), so {@link #success()} is byte for byte
 * the official mock's {@code {"ok":true,"error_code":null}}. {@code error_message} and {@code task_id} are <b>omitted
 * when {@code null}</b>: the client spec says they exist (string or null), but the official mock never sends them, and
 * writing them as {@code null} would break byte compatibility with it.
 *
 * <p>On read all four are optional ({@code ok} defaults to {@code false}), an unknown {@code error_code} decodes to
 * {@link AppendErrorCode#UNKNOWN}, and unknown keys are ignored. The official mock only ever sends
 * {@link AppendErrorCode#INVALID_DATA}, with no message; an array append that fails part-way has already inserted the
 * earlier rows there.
 *
 * @param ok           whether every row was written
 * @param errorCode    {@code error_code}, {@code null} on success
 * @param errorMessage {@code error_message}, or {@code null} (spec only)
 * @param taskId       {@code task_id} to poll with {@code GET /tasks/{task_id}}, or {@code null} (spec only)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"ok", "error_code", "error_message", "task_id"})
public record AppendResponse(
        @JsonProperty("ok") boolean ok,
        @JsonProperty("error_code") AppendErrorCode errorCode,
        @JsonProperty("error_message") @JsonInclude(JsonInclude.Include.NON_NULL) String errorMessage,
        @JsonProperty("task_id") @JsonInclude(JsonInclude.Include.NON_NULL) String taskId) {

    private static final AppendResponse SUCCESS = new AppendResponse(true, null, null, null);
    private static final AppendResponse INVALID_DATA =
            new AppendResponse(false, AppendErrorCode.INVALID_DATA, null, null);

    /** The mock's success: {@code {"ok":true,"error_code":null}}. */
    public static AppendResponse success() {
        return SUCCESS;
    }

    /** The mock's only failure: {@code {"ok":false,"error_code":"invalid-data"}}. */
    public static AppendResponse invalidData() {
        return INVALID_DATA;
    }

    /** A failure with the given code and optional message. */
    public static AppendResponse failure(AppendErrorCode errorCode, String errorMessage) {
        return new AppendResponse(false, Require.present(errorCode, "error_code"), errorMessage, null);
    }

    /** An accepted asynchronous append whose outcome is polled through {@code GET /tasks/{taskId}}. */
    public static AppendResponse accepted(String taskId) {
        return new AppendResponse(true, null, null, Require.notBlank(taskId, "task_id"));
    }
}
